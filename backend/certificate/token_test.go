package certificate

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
)

func testKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = byte(i)
	}
	return ed25519.NewKeyFromSeed(seed)
}

func TestSignVerifyAndEveryChangedCharacterFails(t *testing.T) {
	priv := testKey(t)
	pub := priv.Public().(ed25519.PublicKey)
	p := &Payload{ID: "c1", AttendeeName: "김민지 山田 王", CodelabID: "lab", CodelabTitle: "Go", Author: "Ada",
		WorkshopName: "codelabs", CompletedAt: "2026-12-01T01:00:00Z"}
	token, _, err := Sign(priv, p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Verify(token, pub)
	if err != nil || got.AttendeeName != p.AttendeeName {
		t.Fatalf("Verify: got %+v, %v; want the payload, nil", got, err)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for i := 0; i < len(token); i++ {
		for _, repl := range []byte{alphabet[(strings.IndexByte(alphabet, token[i])+1)%64], '.', '='} {
			if repl == token[i] {
				continue
			}
			bad := token[:i] + string(repl) + token[i+1:]
			if _, err := Verify(bad, pub); err == nil {
				t.Fatalf("changing byte %d (%q→%q) still verifies", i, token[i], repl)
			}
		}
	}
	for _, bad := range []string{"", token[:len(token)-1], token + "A", strings.Split(token, ".")[0], "." + token} {
		var ve *VerifyError
		if _, err := Verify(bad, pub); !errors.As(err, &ve) {
			t.Errorf("Verify(%.20q…): got %v, want a VerifyError", bad, err)
		}
	}
	other := ed25519.NewKeyFromSeed(make([]byte, 32))
	var ve *VerifyError
	if _, err := Verify(token, other.Public().(ed25519.PublicKey)); !errors.As(err, &ve) || ve.Reason != ReasonUnknownKey {
		t.Errorf("other key: got %v, want %s", err, ReasonUnknownKey)
	}
}

func TestForgedPayloadWithSameKeyIDFails(t *testing.T) {
	priv := testKey(t)
	pub := priv.Public().(ed25519.PublicKey)
	token, _, _ := Sign(priv, &Payload{ID: "c1", AttendeeName: "A", CompletedAt: "2026-12-01T01:00:00Z"})
	_, sig, _ := strings.Cut(token, ".")
	forged, _, _ := Sign(ed25519.NewKeyFromSeed(make([]byte, 32)), &Payload{ID: "c1", AttendeeName: "Mallory", CompletedAt: "2026-12-01T01:00:00Z"})
	body, _, _ := strings.Cut(forged, ".")
	var ve *VerifyError
	if _, err := Verify(body+"."+sig, pub); !errors.As(err, &ve) {
		t.Fatalf("forged payload: got %v, want failure", err)
	}
}

func TestParsePublicKeyForms(t *testing.T) {
	pub := testKey(t).Public().(ed25519.PublicKey)
	for _, s := range []string{EncodePublicKey(pub), PublicKeyPEM(pub), "ed25519:" + EncodePublicKey(pub), "  " + EncodePublicKey(pub) + "\n"} {
		got, err := ParsePublicKey(s)
		if err != nil || !got.Equal(pub) {
			t.Errorf("ParsePublicKey(%q): got %v, %v", s, got, err)
		}
	}
	if _, err := ParsePublicKey("nope"); err == nil {
		t.Error("ParsePublicKey(nope): got nil error")
	}
}
