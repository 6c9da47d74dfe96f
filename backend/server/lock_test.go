package server

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestOneServerPerDataDir(t *testing.T) {
	cfg := testConfig(t, "127.0.0.1:0")
	first, err := Start(context.Background(), cfg, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Start(context.Background(), cfg, nil, nil)
	var running *AlreadyRunningError
	if !errors.As(err, &running) || running.URL != first.APIBase()+"/" {
		t.Fatalf("second Start: got %v, want AlreadyRunningError naming %s/", err, first.APIBase())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := first.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	again := start(t, cfg) // the lock went with the first server
	if again.Port() == 0 {
		t.Fatal("restarted server has no port")
	}
}
