package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// api is a small JSON client for the server's HTTP API.
type api struct {
	base  string
	token string // admin token
	http  *http.Client
}

func newAPI(base, token string) *api {
	tr := &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}
	return &api{base: base, token: token, http: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// do sends a JSON request and decodes a JSON answer into out (if not nil);
// any status other than want is an error carrying the body.
func (a *api) do(ctx context.Context, method, path, bearer string, body, out any, want int) error {
	data, err := a.fetch(ctx, method, path, bearer, body, want)
	if err != nil {
		return err
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return nil
}

// fetch sends one request and returns the whole body once it has arrived;
// latency figures stop here, before the client's own JSON decoding.
func (a *api) fetch(ctx context.Context, method, path, bearer string, body any, want int) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("%s %s: encode: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: read: %w", method, path, err)
	}
	if resp.StatusCode != want {
		return nil, fmt.Errorf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, want, bytes.TrimSpace(data))
	}
	return data, nil
}

// createCodelab makes a public codelab with steps and returns its id.
func (a *api) createCodelab(ctx context.Context, title string, steps int) (string, error) {
	var cl struct {
		ID string `json:"id"`
	}
	// max_attendees: up to 5,000 attendees, above the default cap of 2,000.
	in := map[string]any{"title": title, "description": "Load test", "author": "loadtest", "is_public": true, "max_attendees": 5000}
	if err := a.do(ctx, "POST", "/api/admin/codelabs", a.token, in, &cl, http.StatusCreated); err != nil {
		return "", err
	}
	var list []map[string]any
	for i := 1; i <= steps; i++ {
		list = append(list, map[string]any{"title": fmt.Sprintf("Step %d", i),
			"markdown":         fmt.Sprintf("## Step %d\n\nDo the thing, then press **Next**.\n\n```go\nfmt.Println(%d)\n```\n", i, i),
			"duration_minutes": 5})
	}
	if err := a.do(ctx, "PUT", "/api/admin/codelabs/"+cl.ID+"/steps", a.token, map[string]any{"steps": list}, nil, http.StatusOK); err != nil {
		return "", err
	}
	return cl.ID, nil
}

// attendee is one registered attendee.
type attendee struct {
	ID    string
	Name  string
	Token string
}

// register signs up n attendees with a few requests in flight.
func (a *api) register(ctx context.Context, codelab string, n int) ([]attendee, error) {
	out := make([]attendee, n)
	errs := make(chan error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var r struct {
					Attendee struct {
						ID   string `json:"id"`
						Name string `json:"name"`
					} `json:"attendee"`
					Token string `json:"token"`
				}
				name := fmt.Sprintf("user-%04d", i)
				err := a.do(ctx, "POST", "/api/codelabs/"+codelab+"/attendees", "", map[string]any{"name": name, "code": ""}, &r, http.StatusCreated)
				if err != nil {
					errs <- err
					continue
				}
				out[i] = attendee{ID: r.Attendee.ID, Name: r.Attendee.Name, Token: r.Token}
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return nil, fmt.Errorf("register: %w", err)
	}
	return out, ctx.Err()
}

// listPoller fetches the facilitator's attendee list at a fixed rate and
// records each request's latency.
type listPoller struct {
	lat      []time.Duration
	errs     int
	lastLen  int
	firstErr error
}

func (a *api) pollList(ctx context.Context, codelab string, rate float64, p *listPoller) {
	if rate <= 0 {
		return
	}
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	for i := 0; ; i++ {
		at := start.Add(time.Duration(i) * interval)
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(at)):
		}
		var list []json.RawMessage
		t0 := time.Now()
		data, err := a.fetch(ctx, "GET", "/api/admin/codelabs/"+codelab+"/attendees", a.token, nil, http.StatusOK)
		lat := time.Since(t0) // request sent to last byte received
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			err = json.Unmarshal(data, &list)
		}
		if err != nil {
			p.errs++
			if p.firstErr == nil {
				p.firstErr = err
			}
			continue
		}
		p.lat = append(p.lat, lat)
		p.lastLen = len(list)
	}
}
