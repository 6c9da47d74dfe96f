// certificate-qr: the QR code on a certificate page. Its own module so the QR
// encoder (uqr) loads with the certificate page only, not with every codelab
// page that imports certificate-service.
import { renderSVG } from 'uqr';
import { qrDataUrl } from './join-service';

/**
 * verifyQr is an `<img>` source of the QR code of a certificate's verify URL,
 * drawn in the browser (uqr) so the page prints without another request.
 */
export function verifyQr(url: string): string {
  return url ? qrDataUrl(renderSVG(url, { ecc: 'L', border: 2, pixelSize: 4 })) : '';
}
