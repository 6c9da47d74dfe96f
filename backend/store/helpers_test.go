package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
)

// TestHelpersAndClaims: tokens are stored hashed, names are unique per
// codelab, a claim has one holder, and deleting a helper revokes the token
// and reports the claims to release.
func TestHelpersAndClaims(t *testing.T) {
	s, id, log := newLiveCodelab(t)
	ctx := context.Background()

	sam, err := s.CreateHelper(ctx, id, " Sam ", true)
	if err != nil || sam.Name != "Sam" || !sam.CanAnnounce || len(sam.Token) != 64 {
		t.Fatalf("create: got %+v, %v; want Sam with a 64-hex token", sam, err)
	}
	if _, err := s.CreateHelper(ctx, id, "SAM", false); !errors.Is(err, store.ErrConflict) {
		t.Errorf("same name: got %v, want ErrConflict", err)
	}
	if _, err := s.CreateHelper(ctx, "nope", "Kim", false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown codelab: got %v, want ErrNotFound", err)
	}
	var stored int
	s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM helpers WHERE token_hash = ?`, sam.Token).Scan(&stored)
	if stored != 0 {
		t.Error("the raw token is stored; want only its hash")
	}
	if h, err := s.HelperByToken(ctx, sam.Token); err != nil || h.ID != sam.ID {
		t.Fatalf("by token: got %+v, %v", h, err)
	}

	reg, _ := s.RegisterAttendee(ctx, id, "Ann", "")
	ann := model.Person{ID: reg.Attendee.ID, Name: "Ann"}
	if _, _, err := log.Append(ctx, store.HelpOp(id, ann, "h", 0)); err != nil {
		t.Fatal(err)
	}
	open, _ := s.OpenHelp(ctx, id)
	rid := open[0].ID
	me := sam.Person()
	ev, _, err := log.Append(ctx, store.ClaimHelpOp(id, me, "c1", rid, true))
	if err != nil || ev.Type != "help_claimed" || ev.VisibleTo != ann.ID {
		t.Fatalf("claim: got %+v, %v; want a help_claimed event for Ann", ev, err)
	}
	if _, _, err := log.Append(ctx, store.ClaimHelpOp(id, ann, "c2", rid, false)); !errors.Is(err, store.ErrConflict) {
		t.Errorf("unclaim by someone else: got %v, want ErrConflict", err)
	}
	open, _ = s.OpenHelp(ctx, id)
	if open[0].ClaimedBy == nil || open[0].ClaimedBy.Name != "Sam" {
		t.Errorf("queue: got %+v, want claimed by Sam", open[0])
	}

	gone, claimed, err := s.DeleteHelper(ctx, id, sam.ID)
	if err != nil || gone.Name != "Sam" || len(claimed) != 1 || claimed[0] != rid {
		t.Fatalf("delete: got %+v %v %v, want Sam with claim %s", gone, claimed, err, rid)
	}
	if _, err := s.HelperByToken(ctx, sam.Token); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoked token: got %v, want ErrNotFound", err)
	}
	// The facilitator may release a claim that is not theirs.
	if _, _, err := log.Append(ctx, store.ClaimHelpOp(id, store.Admin, "", rid, false)); err != nil {
		t.Errorf("release by the facilitator: %v", err)
	}
	if open, _ = s.OpenHelp(ctx, id); open[0].ClaimedBy != nil {
		t.Errorf("after release: got %+v, want no claim", open[0])
	}
}
