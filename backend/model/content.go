package model

import (
	"time"
)

// Material is a link or a file a facilitator hands out with a codelab.
// FileName is the stored name under uploads/materials/ and never leaves
// the server; OriginalName is what a download is called.
type Material struct {
	ID           string    `json:"id"`
	CodelabID    string    `json:"codelab_id"`
	Kind         string    `json:"kind"`
	Title        string    `json:"title"`
	URL          string    `json:"url,omitempty"`
	FileName     string    `json:"-"`
	OriginalName string    `json:"file_name,omitempty"`
	ContentType  string    `json:"content_type,omitempty"`
	Size         int64     `json:"size,omitempty"`
	Position     int       `json:"position"`
	CreatedAt    time.Time `json:"created_at"`
}

// Upload describes an image file stored under the uploads directory. The
// file itself is written by the caller before the row, so a failed
// transaction leaves only a file the caller deletes again.
type Upload struct {
	Name         string    `json:"name"`
	CodelabID    string    `json:"codelab_id,omitempty"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	Width        int       `json:"width"`
	Height       int       `json:"height"`
	OriginalName string    `json:"original_name"`
	CreatedAt    time.Time `json:"created_at"`
}
