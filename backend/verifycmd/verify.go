// Package verifycmd is `opencodelabs verify TOKEN`: it checks a
// certificate token offline against the facilitator's public key (given
// with --public-key, or read from the local data dir's database) and says
// which key it used.
package verifycmd

import (
	"crypto/ed25519"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"github.com/opencodelabs/desktop/backend/certificate"
	_ "modernc.org/sqlite" // the data dir's database, read-only
)

// Exit codes.
const (
	ExitValid   = 0
	ExitInvalid = 1
	ExitUsage   = 2
)

// Run runs the subcommand with args (after "verify").
func Run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pubArg := fs.String("public-key", "", "the facilitator's public key (base64, hex or PEM) or a file holding it")
	dataDir := fs.String("data-dir", getenv("OPENCODELABS_DATA_DIR"), "data dir whose key to use when --public-key is not given")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: opencodelabs verify [--public-key KEY|FILE] [--data-dir DIR] TOKEN")
		fs.PrintDefaults()
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return ExitValid
			}
			return ExitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) != 1 {
		fs.Usage()
		return ExitUsage
	}
	pub, source, err := loadKey(*pubArg, *dataDir)
	if err != nil {
		fmt.Fprintln(stderr, "opencodelabs verify:", err)
		return ExitUsage
	}
	p, err := certificate.Verify(rest[0], pub)
	var ve *certificate.VerifyError
	if err != nil && !errors.As(err, &ve) {
		fmt.Fprintln(stderr, "opencodelabs verify:", err)
		return ExitUsage
	}
	if ve != nil {
		fmt.Fprintf(stdout, "invalid: %s (%s)\n", ve.Reason, ve.Detail)
	} else {
		fmt.Fprintln(stdout, "valid")
	}
	if p != nil {
		fmt.Fprintf(stdout, "certificate:  %s\nattendee:     %s\ncodelab:      %s (%s)\nauthor:       %s\nworkshop:     %s\ncompleted at: %s\nsigned by:    key %s\n",
			p.ID, p.AttendeeName, p.CodelabTitle, p.CodelabID, p.Author, p.WorkshopName, p.CompletedAt, p.KeyID)
	}
	fmt.Fprintf(stdout, "checked with: %s %s\n", certificate.Fingerprint(pub), source)
	if ve != nil {
		return ExitInvalid
	}
	return ExitValid
}

// loadKey reads the key from the flag (a key or a file), else from the
// data dir's database.
func loadKey(arg, dataDir string) (ed25519.PublicKey, string, error) {
	if arg != "" {
		text, source := arg, "(from --public-key)"
		if b, err := os.ReadFile(arg); err == nil {
			text, source = string(b), "(from the file "+arg+")"
		}
		pub, err := certificate.ParsePublicKey(text)
		return pub, source, err
	}
	if dataDir == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return nil, "", fmt.Errorf("no --public-key and no data dir: %w", err)
		}
		dataDir = filepath.Join(dir, "open-codelabs")
	}
	path := filepath.Join(dataDir, "opencodelabs.db")
	if _, err := os.Stat(path); err != nil {
		return nil, "", fmt.Errorf("no --public-key given and no database at %s: pass the facilitator's public key", path)
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=query_only(1)&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, "", err
	}
	defer db.Close()
	var raw []byte
	if err := db.QueryRow(`SELECT public_key FROM certificate_keys WHERE id = 1`).Scan(&raw); err != nil {
		return nil, "", fmt.Errorf("no certificate key in %s (%v): pass --public-key", path, err)
	}
	if len(raw) != ed25519.PublicKeySize {
		return nil, "", fmt.Errorf("the key in %s is damaged", path)
	}
	return ed25519.PublicKey(raw), "(the key of the data dir " + dataDir + ")", nil
}
