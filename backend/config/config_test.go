package config

import (
	"io"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestParseDefaultsAndEnv(t *testing.T) {
	c, err := Parse(nil, env(map[string]string{"OPENCODELABS_DATA_DIR": "/tmp/x"}), true, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Name != "codelabs" || !c.MDNS || !c.Headless || len(c.AdminToken) != 64 {
		t.Fatalf("got %+v, want defaults", c)
	}
	c, err = Parse([]string{"--addr", "127.0.0.1:9000"}, env(map[string]string{
		"OPENCODELABS_ADDR": ":7000", "OPENCODELABS_MDNS": "off", "OPENCODELABS_NAME": "Room-5",
		"OPENCODELABS_ADMIN_TOKEN": "secret", "OPENCODELABS_DATA_DIR": "/d"}), false, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9000" || c.MDNS || c.Name != "room-5" || c.AdminToken != "secret" || c.DataDir != "/d" || c.Headless {
		t.Fatalf("got %+v, want flag over env, env applied", c)
	}
}

func TestParseRejects(t *testing.T) {
	for _, args := range [][]string{{"--name", "bad name"}, {"--name", "-x"}, {"extra"}, {"--nope"}} {
		if _, err := Parse(args, env(map[string]string{"OPENCODELABS_DATA_DIR": "/d"}), true, io.Discard); err == nil {
			t.Errorf("Parse(%v): got nil error, want failure", args)
		}
	}
}

func TestParseAllowedHosts(t *testing.T) {
	c, err := Parse(nil, env(map[string]string{"OPENCODELABS_DATA_DIR": "/d", "OPENCODELABS_ALLOWED_HOSTS": "a.test, b.test,"}), true, io.Discard)
	if err != nil || len(c.AllowedHosts) != 2 || c.AllowedHosts[0] != "a.test" || c.AllowedHosts[1] != "b.test" {
		t.Fatalf("env: got %v %v, want [a.test b.test]", c.AllowedHosts, err)
	}
	c, err = Parse([]string{"--allow-host", "classroom.test"}, env(map[string]string{"OPENCODELABS_DATA_DIR": "/d", "OPENCODELABS_ALLOWED_HOSTS": "a.test"}), true, io.Discard)
	if err != nil || len(c.AllowedHosts) != 1 || c.AllowedHosts[0] != "classroom.test" {
		t.Fatalf("flag: got %v %v, want [classroom.test]", c.AllowedHosts, err)
	}
}
