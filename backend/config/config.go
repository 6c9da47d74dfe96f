// Package config reads the server's settings from flags and environment
// variables (names fixed by DESIGN.md). Flags win over the environment.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Config is everything a launch can be told.
type Config struct {
	Headless   bool
	Addr       string
	DataDir    string
	Name       string
	MDNS       bool
	AdminToken string
	// Interfaces limits mDNS to these interface names (tests, unusual networks).
	Interfaces  []string
	ShowVersion bool
	// AllowedHosts are extra Host names the server answers besides the ones
	// it advertises (see backend/api/hosts.go).
	AllowedHosts []string
}

// Parse reads args (without the program name) and the environment.
// defaultHeadless is true in the build without a window.
func Parse(args []string, getenv func(string) string, defaultHeadless bool, stderr io.Writer) (Config, error) {
	c := Config{MDNS: true}
	fs := flag.NewFlagSet("opencodelabs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.BoolVar(&c.Headless, "headless", defaultHeadless, "run only the server, without a window")
	fs.StringVar(&c.Addr, "addr", envOr(getenv, "OPENCODELABS_ADDR", ":8080"), "listen address; if the port is busy the next free one is used")
	fs.StringVar(&c.DataDir, "data-dir", getenv("OPENCODELABS_DATA_DIR"), "where the database and uploads live (default: user config dir/open-codelabs)")
	fs.StringVar(&c.Name, "name", envOr(getenv, "OPENCODELABS_NAME", "codelabs"), "workshop name; also the mDNS host name NAME.local")
	noMDNS := fs.Bool("no-mdns", false, "do not advertise on the LAN with mDNS")
	ifaces := fs.String("mdns-interfaces", getenv("OPENCODELABS_MDNS_INTERFACES"), "comma-separated interfaces for mDNS (default: automatic)")
	fs.BoolVar(&c.ShowVersion, "version", false, "print the version and exit")
	allowHosts := fs.String("allow-host", getenv("OPENCODELABS_ALLOWED_HOSTS"), "comma-separated extra host names the server answers to (default: only its own names and addresses)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *noMDNS || strings.EqualFold(getenv("OPENCODELABS_MDNS"), "off") {
		c.MDNS = false
	}
	if *ifaces != "" {
		for _, n := range strings.Split(*ifaces, ",") {
			if n = strings.TrimSpace(n); n != "" {
				c.Interfaces = append(c.Interfaces, n)
			}
		}
	}
	c.AllowedHosts = splitList(*allowHosts)
	if c.DataDir == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return c, fmt.Errorf("no --data-dir given and no user config dir: %w", err)
		}
		c.DataDir = filepath.Join(dir, "open-codelabs")
	}
	c.Name = strings.ToLower(strings.TrimSpace(c.Name))
	if !validName(c.Name) {
		return c, errors.New("--name must be 1-63 letters, digits or hyphens (it becomes NAME.local)")
	}
	c.AdminToken = getenv("OPENCODELABS_ADMIN_TOKEN")
	if c.AdminToken == "" {
		var b [32]byte
		if _, err := rand.Read(b[:]); err != nil {
			return c, fmt.Errorf("admin token: %w", err)
		}
		c.AdminToken = hex.EncodeToString(b[:])
	}
	return c, nil
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// validName accepts a DNS label, the form an mDNS host name needs.
func validName(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
