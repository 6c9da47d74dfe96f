package model

import (
	"time"
)

// Submission is a file or a link an attendee handed in.
type Submission struct {
	ID           string    `json:"id"`
	Kind         string    `json:"kind"` // "file" or "link"
	Title        string    `json:"title"`
	URL          string    `json:"url,omitempty"`
	OriginalName string    `json:"original_name,omitempty"`
	ContentType  string    `json:"content_type,omitempty"`
	Size         int64     `json:"size,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	DownloadURL  string    `json:"download_url,omitempty"`
	ThumbnailURL string    `json:"thumbnail_url,omitempty"`
	FileName     string    `json:"-"`
	Attendee     *Person   `json:"-"`
}
