// Package certificate signs and verifies completion certificates and
// draws them as a PDF. A certificate travels as a compact token:
// base64url(payload JSON) "." base64url(Ed25519 signature over the payload
// bytes), strict unpadded base64url, so any changed character fails.
// It imports nothing internal: the store keeps the key, the API serves.
package certificate

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Payload is what a certificate states; it is signed as encoded by Sign.
type Payload struct {
	V            int    `json:"v"`
	ID           string `json:"id"`
	AttendeeName string `json:"attendee_name"`
	CodelabID    string `json:"codelab_id"`
	CodelabTitle string `json:"codelab_title"`
	Author       string `json:"author"`
	WorkshopName string `json:"workshop_name"`
	CompletedAt  string `json:"completed_at"`
	KeyID        string `json:"key_id"`
}

// Reasons a token fails verification.
const (
	ReasonMalformed    = "malformed"
	ReasonUnknownKey   = "unknown_key"
	ReasonBadSignature = "bad_signature"
)

// VerifyError says why a token is not valid; Reason is one of the Reason
// constants, Detail a human sentence.
type VerifyError struct {
	Reason string
	Detail string
}

func (e *VerifyError) Error() string { return e.Reason + ": " + e.Detail }

var b64 = base64.RawURLEncoding.Strict()

// KeyID is the first 16 hex digits of SHA-256 of the raw public key.
func KeyID(pub ed25519.PublicKey) string { return Fingerprint(pub)[7:23] }

// Fingerprint is "SHA256:" and the hex SHA-256 of the raw public key.
func Fingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return "SHA256:" + hex.EncodeToString(sum[:])
}

// EncodePublicKey is the published form: standard base64 of the 32 bytes.
func EncodePublicKey(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// PublicKeyPEM is the PKIX PEM form of the key.
func PublicKeyPEM(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// ParsePublicKey reads a key as base64 (standard or URL), hex or PEM.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	if blk, _ := pem.Decode([]byte(s)); blk != nil {
		k, err := x509.ParsePKIXPublicKey(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate: PEM key: %w", err)
		}
		pub, ok := k.(ed25519.PublicKey)
		if !ok {
			return nil, errors.New("certificate: the PEM key is not an Ed25519 key")
		}
		return pub, nil
	}
	s = strings.TrimPrefix(s, "ed25519:")
	for _, dec := range []func(string) ([]byte, error){
		base64.StdEncoding.DecodeString, base64.RawStdEncoding.DecodeString,
		base64.URLEncoding.DecodeString, base64.RawURLEncoding.DecodeString, hex.DecodeString,
	} {
		if b, err := dec(s); err == nil && len(b) == ed25519.PublicKeySize {
			return ed25519.PublicKey(b), nil
		}
	}
	return nil, errors.New("certificate: not an Ed25519 public key (expected 32 bytes as base64, hex or PEM)")
}

// Sign fills p.V and p.KeyID, and returns the token and the signature.
func Sign(priv ed25519.PrivateKey, p *Payload) (token string, sig []byte, err error) {
	p.V = 1
	p.KeyID = KeyID(priv.Public().(ed25519.PublicKey))
	body, err := json.Marshal(p)
	if err != nil {
		return "", nil, fmt.Errorf("certificate: encode: %w", err)
	}
	sig = ed25519.Sign(priv, body)
	return b64.EncodeToString(body) + "." + b64.EncodeToString(sig), sig, nil
}

// Parse splits and decodes a token without checking the signature.
func Parse(token string) (*Payload, []byte, []byte, error) {
	bad := func(detail string) (*Payload, []byte, []byte, error) {
		return nil, nil, nil, &VerifyError{Reason: ReasonMalformed, Detail: detail}
	}
	token = strings.TrimSpace(token)
	a, b, ok := strings.Cut(token, ".")
	if !ok || strings.Contains(b, ".") || a == "" || b == "" {
		return bad("a token is two base64url parts joined by one dot")
	}
	body, err := b64.DecodeString(a)
	if err != nil {
		return bad("the payload part is not valid base64url")
	}
	sig, err := b64.DecodeString(b)
	if err != nil {
		return bad("the signature part is not valid base64url")
	}
	if len(sig) != ed25519.SignatureSize {
		return bad(fmt.Sprintf("the signature has %d bytes, not %d", len(sig), ed25519.SignatureSize))
	}
	var p Payload
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || dec.More() {
		return bad("the payload is not a certificate")
	}
	if p.V != 1 || p.ID == "" || p.KeyID == "" {
		return bad("the payload lacks its version, id or key id")
	}
	if _, err := time.Parse(time.RFC3339, p.CompletedAt); err != nil {
		return bad("the payload's completion time is not a time")
	}
	return &p, body, sig, nil
}

// Verify checks token against pub. The payload is returned whenever it
// could be decoded, even when the signature fails (for display).
func Verify(token string, pub ed25519.PublicKey) (*Payload, error) {
	p, body, sig, err := Parse(token)
	if err != nil {
		return nil, err
	}
	if p.KeyID != KeyID(pub) {
		return p, &VerifyError{Reason: ReasonUnknownKey,
			Detail: fmt.Sprintf("the certificate was signed by key %s, not by this key (%s)", p.KeyID, KeyID(pub))}
	}
	if !ed25519.Verify(pub, body, sig) {
		return p, &VerifyError{Reason: ReasonBadSignature, Detail: "the signature does not match the certificate: it was changed or forged"}
	}
	return p, nil
}
