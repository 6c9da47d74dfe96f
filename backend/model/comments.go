package model

import "time"

// Comment sharing modes of a codelab: who besides a thread's author and the
// facilitator sees it and may reply (docs/api.md, "Inline comments").
const (
	CommentsPrivate = "private" // the author and the facilitator
	CommentsRead    = "read"    // every attendee sees; the author and the facilitator reply
	CommentsReply   = "reply"   // every attendee sees and replies
)

// Comment thread states.
const (
	ThreadOpen     = "open"
	ThreadResolved = "resolved"
)

// TextQuote anchors a comment to a step's rendered text, like the W3C Web
// Annotation TextQuoteSelector: the quoted text with a little context
// before and after it. Clients find it again after edits; no offsets.
type TextQuote struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// CommentMessage is one message of a thread (the first is the comment).
type CommentMessage struct {
	ID   string    `json:"id"`
	From Person    `json:"from"`
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// CommentThread is an attendee's comment on a quote of a step and the
// replies to it.
type CommentThread struct {
	ID         string           `json:"id"`
	Step       int              `json:"step"`
	Quote      TextQuote        `json:"quote"`
	Author     Person           `json:"author"`
	Status     string           `json:"status"`
	CreatedAt  time.Time        `json:"created_at"`
	ResolvedAt *time.Time       `json:"resolved_at"`
	Messages   []CommentMessage `json:"messages"`
}
