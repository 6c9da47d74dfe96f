package api

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/opencodelabs/desktop/backend/certificate"
	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/frontend/src/lib/i18n"
)

// certificateOut is a certificate as GET /api/certificates/{id} shows it.
type certificateOut struct {
	certificate.Payload
	Signature   string `json:"signature"`
	PublicKey   string `json:"public_key"`
	Fingerprint string `json:"fingerprint"`
	Token       string `json:"token"`
	VerifyURL   string `json:"verify_url"`
	PDFURL      string `json:"pdf_url"`
}

func newCertificateID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func (a *API) signingKey(ctx context.Context) (ed25519.PrivateKey, ed25519.PublicKey, time.Time, error) {
	priv, created, err := a.Store.CertificateKey(ctx)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	return priv, priv.Public().(ed25519.PublicKey), created, nil
}

// verifyURL is where the certificate's QR code points: the attendee app's
// verify page on the host the request came to, the token in the fragment.
func verifyURL(r *http.Request, token string) string {
	return "http://" + r.Host + "/verify#token=" + url.QueryEscape(token)
}

func (a *API) certificateOut(r *http.Request, row *store.CertificateRow) (*certificateOut, error) {
	_, pub, _, err := a.signingKey(r.Context())
	if err != nil {
		return nil, err
	}
	out := &certificateOut{Signature: base64.RawURLEncoding.EncodeToString(row.Signature),
		PublicKey: certificate.EncodePublicKey(pub), Fingerprint: certificate.Fingerprint(pub),
		PDFURL: "/api/certificates/" + row.ID + "/pdf"}
	if err := json.Unmarshal([]byte(row.Payload), &out.Payload); err != nil {
		return nil, err
	}
	out.Token = base64.RawURLEncoding.EncodeToString([]byte(row.Payload)) + "." + out.Signature
	out.VerifyURL = verifyURL(r, out.Token)
	return out, nil
}

// myRequirements tells the attendee what completion still needs.
func (a *API) myRequirements(w http.ResponseWriter, r *http.Request) error {
	at, err := a.attendee(r)
	if err != nil {
		return err
	}
	req, err := a.Store.AttendeeRequirements(r.Context(), at.CodelabID, at.ID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, req)
}

// complete checks every completion rule on the server and issues a signed
// certificate: POST /api/me/complete. Calling it again returns the same one.
func (a *API) complete(w http.ResponseWriter, r *http.Request) error {
	at, err := a.attendee(r)
	if err != nil {
		return err
	}
	priv, _, _, err := a.signingKey(r.Context())
	if err != nil {
		return err
	}
	c, err := a.Store.CodelabSummary(r.Context(), at.CodelabID)
	if err != nil {
		return err
	}
	sign := func(when string) (string, string, []byte, error) {
		t, err := time.Parse(time.RFC3339Nano, when)
		if err != nil {
			return "", "", nil, err
		}
		p := &certificate.Payload{ID: newCertificateID(), AttendeeName: at.Name, CodelabID: c.ID, CodelabTitle: c.Title,
			Author: c.Author, WorkshopName: a.Name(), CompletedAt: t.UTC().Format(time.RFC3339)}
		token, sig, err := certificate.Sign(priv, p)
		if err != nil {
			return "", "", nil, err
		}
		body, _, _ := strings.Cut(token, ".")
		payload, err := base64.RawURLEncoding.DecodeString(body)
		return p.ID, string(payload), sig, err
	}
	var row store.CertificateRow
	_, err = a.runOp(r.Context(), store.CompleteOp(at.CodelabID, model.Person{ID: at.ID, Name: at.Name}, sign, &row))
	if errors.Is(err, store.ErrAlreadyCompleted) {
		prev, err := a.Store.CertificateOf(r.Context(), at.ID)
		if err != nil {
			return err
		}
		row = *prev
	} else if err != nil {
		return err
	}
	out, err := a.certificateOut(r, &row)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"certificate": out})
}

func (a *API) loopStatus(w http.ResponseWriter, r *http.Request) error {
	rows, err := a.Store.LoopStatus(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rows)
}

// storedCertificate is the certificate of the path's {cid}, as stored and as
// shown (certificateOut); not_found when there is none.
func (a *API) storedCertificate(r *http.Request) (*store.CertificateRow, *certificateOut, error) {
	row, err := a.Store.GetCertificate(r.Context(), r.PathValue("cid"))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, notFound("The certificate")
	}
	if err != nil {
		return nil, nil, err
	}
	out, err := a.certificateOut(r, row)
	return row, out, err
}

// getCertificate is public: anyone with the id may see and check it.
func (a *API) getCertificate(w http.ResponseWriter, r *http.Request) error {
	_, out, err := a.storedCertificate(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) certificatePDF(w http.ResponseWriter, r *http.Request) error {
	row, out, err := a.storedCertificate(r)
	if err != nil {
		return err
	}
	// The key is everything drawn: the signed payload, the key, the verify URL (host) and the language.
	lang := i18n.Match(r.URL.Query().Get("lang"))
	key := row.Payload + "\x00" + out.Fingerprint + "\x00" + out.VerifyURL + "\x00" + lang
	pdf, err := certificatePDFs.get(key, certificate.PDFInput{Payload: out.Payload, Fingerprint: out.Fingerprint,
		VerifyURL: out.VerifyURL, Text: certificateText(lang), RTL: i18n.RTL(lang)})
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", attachment("certificate-"+cleanFileName(out.AttendeeName)+".pdf"))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-cache")
	_, err = w.Write(pdf)
	return err
}

// verifyCertificate checks a token against this server's key. A bad token
// is an answer (valid:false with the reason), not an error.
func (a *API) verifyCertificate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token string `json:"token"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	_, pub, _, err := a.signingKey(r.Context())
	if err != nil {
		return err
	}
	p, err := certificate.Verify(in.Token, pub)
	var ve *certificate.VerifyError
	if err != nil && !errors.As(err, &ve) {
		return err
	}
	out := map[string]any{"valid": err == nil, "reason": "", "message": "The certificate is valid: signed by " +
		certificate.Fingerprint(pub) + ".", "certificate": p, "fingerprint": certificate.Fingerprint(pub)}
	if ve != nil {
		out["reason"], out["message"] = ve.Reason, "The certificate is not valid: "+ve.Detail+"."
	}
	return writeJSON(w, http.StatusOK, out)
}

func (a *API) certificateKey(w http.ResponseWriter, r *http.Request) error {
	_, pub, created, err := a.signingKey(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"public_key": certificate.EncodePublicKey(pub), "public_key_pem": certificate.PublicKeyPEM(pub),
		"fingerprint": certificate.Fingerprint(pub), "key_id": certificate.KeyID(pub), "created_at": created,
	})
}

// certificateText is the certificate's fixed phrases from the message catalogue.
func certificateText(lang string) certificate.Text {
	m := i18n.Load(lang, "serverCertificate")
	return certificate.Text{Title: m.T("title"), Certifies: m.T("certifies"), HasCompleted: m.T("hasCompleted"),
		By: m.T("by"), Completed: m.T("completed"), ID: m.T("id"), SignedWith: m.T("signedWith"), Verify: m.T("verify")}
}
