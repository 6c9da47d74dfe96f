package model

// Poll is a prepared poll of a codelab (codelab_polls), from an imported
// claat survey or Google Docs survey table.
type Poll struct {
	ID       string   `json:"id"`
	Position int      `json:"position"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
	Step     int      `json:"step"`
}
