package store_test

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"github.com/opencodelabs/desktop/backend/model"
	"github.com/opencodelabs/desktop/backend/store"
	"github.com/opencodelabs/desktop/backend/store/storetest"
)

func TestImportExtrasStoredAndCopied(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	c := &model.Codelab{Title: "Claat", Steps: []model.Step{
		{Title: "Web", Markdown: "a"},
		{Title: "Kiosk", Markdown: "b", Hidden: true, Environments: []string{"kiosk", "lab"}},
	}}
	meta := map[string]string{"feedback link": "https://e.com/issues", "status": "Published"}
	polls := []model.Poll{{Question: "Q?", Options: []string{"A", "B"}, Step: 2}}
	err := st.Write(ctx, func(tx *sql.Tx) error {
		if err := store.InsertCodelabTx(ctx, tx, c); err != nil {
			return err
		}
		if err := store.InsertMetaTx(ctx, tx, c.ID, meta); err != nil {
			return err
		}
		return store.InsertPollsTx(ctx, tx, c.ID, polls)
	})
	if err != nil {
		t.Fatal(err)
	}
	cp, err := st.CopyCodelab(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{c.ID, cp.ID} {
		got, err := st.GetCodelab(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Steps[1].Hidden || !reflect.DeepEqual(got.Steps[1].Environments, []string{"kiosk", "lab"}) || got.Steps[0].Hidden {
			t.Errorf("%s: got steps %+v, want step 2 hidden for kiosk,lab", id, got.Steps)
		}
		m, err := st.CodelabMeta(ctx, id)
		if err != nil || !reflect.DeepEqual(m, meta) {
			t.Errorf("%s: got meta %v (%v), want %v", id, m, err, meta)
		}
		p, err := st.CodelabPolls(ctx, id)
		if err != nil || len(p) != 1 || p[0].Question != "Q?" || !reflect.DeepEqual(p[0].Options, []string{"A", "B"}) || p[0].Step != 2 || p[0].Position != 1 {
			t.Errorf("%s: got polls %+v (%v), want the one poll", id, p, err)
		}
	}
	if err := st.DeleteCodelab(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if m, _ := st.CodelabMeta(ctx, c.ID); len(m) != 0 {
		t.Errorf("got meta %v after delete, want none (cascade)", m)
	}
}
