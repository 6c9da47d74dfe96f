package verifycmd

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/opencodelabs/desktop/backend/certificate"
	"github.com/opencodelabs/desktop/backend/store"
)

func TestVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "opencodelabs.db"))
	if err != nil {
		t.Fatal(err)
	}
	priv, _, err := st.CertificateKey(context.Background())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	pub := priv.Public().(ed25519.PublicKey)
	token, _, err := certificate.Sign(priv, &certificate.Payload{ID: "c1", AttendeeName: "山田花子", CodelabTitle: "Go",
		WorkshopName: "codelabs", CompletedAt: "2026-12-01T01:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	os.WriteFile(keyFile, []byte(certificate.PublicKeyPEM(pub)), 0o600)
	other := ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey)
	noEnv := func(string) string { return "" }
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		wantOut []string
	}{
		{"published key", []string{"--public-key", certificate.EncodePublicKey(pub), token}, ExitValid,
			[]string{"valid", "山田花子", certificate.Fingerprint(pub), "from --public-key"}},
		{"key file, flag after token", []string{token, "--public-key", keyFile}, ExitValid, []string{"valid", "from the file"}},
		{"data dir key", []string{"--data-dir", dir, token}, ExitValid, []string{"valid", "the key of the data dir"}},
		{"changed character", []string{"--data-dir", dir, token[:10] + flip(token[10]) + token[11:]}, ExitInvalid, []string{"invalid:"}},
		{"truncated", []string{"--data-dir", dir, token[:len(token)-2]}, ExitInvalid, []string{"invalid: malformed"}},
		{"another facilitator's key", []string{"--public-key", certificate.EncodePublicKey(other), token}, ExitInvalid,
			[]string{"invalid: unknown_key", "山田花子"}},
		{"no token", []string{"--data-dir", dir}, ExitUsage, nil},
		{"bad key", []string{"--public-key", "nope", token}, ExitUsage, nil},
		{"no key anywhere", []string{"--data-dir", t.TempDir(), token}, ExitUsage, nil},
	} {
		var out, errOut bytes.Buffer
		code := Run(tc.args, noEnv, &out, &errOut)
		if code != tc.code {
			t.Errorf("%s: got exit %d, want %d; out %s err %s", tc.name, code, tc.code, out.String(), errOut.String())
		}
		for _, w := range tc.wantOut {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: output %q lacks %q", tc.name, out.String(), w)
			}
		}
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
