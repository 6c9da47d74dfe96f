package store_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

// fakeClock is the automatic backups' clock; tests move it by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func autoNames(t *testing.T, dataDir string) []string {
	t.Helper()
	list, err := store.ListAutoBackups(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range list {
		out = append(out, b.Name)
	}
	sort.Strings(out)
	return out
}

func TestAutoBackupsOnlyWhenChanged(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	dir := filepath.Dir(st.Path())
	clock := &fakeClock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)}
	auto := store.NewAutoBackups(st, dir)
	auto.Now = clock.Now
	change := func(title string) {
		if err := st.CreateCodelab(ctx, &model.Codelab{Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	tick := func() string {
		t.Helper()
		name, err := auto.Tick(ctx)
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(store.AutoInterval)
		return name
	}

	if got := tick(); got != "auto-20260310T090000Z.zip" {
		t.Fatalf("first tick (at start): got %q, want a snapshot", got)
	}
	if got := tick(); got != "" {
		t.Errorf("tick without changes: got %q, want none", got)
	}
	change("First")
	if got := tick(); got != "auto-20260310T092000Z.zip" {
		t.Errorf("tick after a change: got %q, want auto-20260310T092000Z.zip", got)
	}
	if got := tick(); got != "" {
		t.Errorf("second tick without changes: got %q, want none", got)
	}
	want := []string{"auto-20260310T090000Z.zip", "auto-20260310T092000Z.zip"}
	if got := autoNames(t, dir); !reflect.DeepEqual(got, want) {
		t.Fatalf("backups: got %v, want %v", got, want)
	}

	// The snapshot is a normal backup archive that passes restore's checks.
	ex, err := st.VerifyAutoBackup(ctx, dir, "auto-20260310T092000Z.zip", dir)
	if err != nil {
		t.Fatalf("verify the automatic backup: %v", err)
	}
	ex.Remove()
	for _, bad := range []string{"../opencodelabs.db", "auto-x.zip", "pre-restore-1.zip"} {
		if _, err := st.VerifyAutoBackup(ctx, dir, bad, dir); err == nil {
			t.Errorf("VerifyAutoBackup(%q): got nil error, want refused", bad)
		}
	}

	// Real snapshots across two days: 14 on day one keep the newest 12;
	// 12 more on day two keep those 12 plus day one's newest.
	for i := 0; i < 12; i++ {
		change("more")
		tick()
	}
	day1 := autoNames(t, dir)
	if len(day1) != store.AutoKeepRecent || day1[0] != "auto-20260310T094000Z.zip" || day1[11] != "auto-20260310T113000Z.zip" {
		t.Fatalf("after 14 snapshots on one day: got %v, want the 12 newest (09:40 to 11:30)", day1)
	}
	clock.t = time.Date(2026, 3, 11, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 12; i++ {
		change("next day")
		tick()
	}
	got := autoNames(t, dir)
	if len(got) != 13 || got[0] != "auto-20260310T113000Z.zip" || got[1] != "auto-20260311T080000Z.zip" {
		t.Errorf("after a second day: got %v, want day one's newest plus day two's 12", got)
	}
}

func TestAutoBackupRetention(t *testing.T) {
	dir := t.TempDir()
	auto := store.NewAutoBackups(storetest.New(t), dir)
	os.MkdirAll(store.AutoDir(dir), 0o700)
	today := time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
	var all []time.Time
	for d := 9; d >= 1; d-- { // two a day for nine days before today
		day := today.AddDate(0, 0, -d)
		all = append(all, day.Add(6*time.Hour), day.Add(18*time.Hour))
	}
	for h := 0; h <= 15; h++ { // hourly today, 00:00 to 15:00
		all = append(all, today.Add(time.Duration(h)*time.Hour))
	}
	for _, ts := range all {
		os.WriteFile(filepath.Join(store.AutoDir(dir), "auto-"+ts.Format("20060102T150405Z")+".zip"), []byte("zip"), 0o600)
	}
	os.WriteFile(filepath.Join(store.AutoDir(dir), "notes.txt"), []byte("not ours"), 0o600)
	if err := auto.Prune(today.Add(15*time.Hour + 5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	want := []string{
		// the newest of each of the six days before today
		"auto-20260314T180000Z.zip", "auto-20260315T180000Z.zip", "auto-20260316T180000Z.zip",
		"auto-20260317T180000Z.zip", "auto-20260318T180000Z.zip", "auto-20260319T180000Z.zip",
		// the 12 newest: today 04:00 to 15:00
		"auto-20260320T040000Z.zip", "auto-20260320T050000Z.zip", "auto-20260320T060000Z.zip",
		"auto-20260320T070000Z.zip", "auto-20260320T080000Z.zip", "auto-20260320T090000Z.zip",
		"auto-20260320T100000Z.zip", "auto-20260320T110000Z.zip", "auto-20260320T120000Z.zip",
		"auto-20260320T130000Z.zip", "auto-20260320T140000Z.zip", "auto-20260320T150000Z.zip",
	}
	if got := autoNames(t, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("kept: got %v\nwant %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(store.AutoDir(dir), "notes.txt")); err != nil {
		t.Errorf("a file that is not an automatic backup was touched: %v", err)
	}
}

// TestAutoBackupSameSecond: two quick restarts snapshot within one second;
// the second snapshot (holding newer data) gets the next second's name
// instead of being skipped because the first took the name.
func TestAutoBackupSameSecond(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	dir := filepath.Dir(st.Path())
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	first := store.NewAutoBackups(st, dir)
	first.Now = func() time.Time { return at }
	if name, err := first.Tick(ctx); err != nil || name != "auto-20260310T090000Z.zip" {
		t.Fatalf("first start: got %q, %v", name, err)
	}
	if err := st.CreateCodelab(ctx, &model.Codelab{Title: "Made between the starts"}); err != nil {
		t.Fatal(err)
	}
	second := store.NewAutoBackups(st, dir) // a new start: nothing taken yet
	second.Now = func() time.Time { return at.Add(300 * time.Millisecond) }
	if name, err := second.Tick(ctx); err != nil || name != "auto-20260310T090001Z.zip" {
		t.Fatalf("second start in the same second: got %q, %v, want auto-20260310T090001Z.zip", name, err)
	}
}
