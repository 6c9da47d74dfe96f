package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
)

func BenchmarkListAttendees500(b *testing.B) {
	a, st := newAPI(b)
	_ = st
	id := create(b, a, `{"title":"x","is_public":true}`)
	for i := 0; i < 500; i++ {
		if _, err := st.RegisterAttendee(context.Background(), id, fmt.Sprintf("user %d", i), ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", "/api/admin/codelabs/"+id+"/attendees", nil)
		req.RemoteAddr = "127.0.0.1:1"
		req.Header.Set("Authorization", "Bearer "+adminToken)
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}
