package model

// Notice is a warning for a person (the join screen's network problems, what
// an import could not bring in). Code and Params let the apps show it in
// the person's language (message catalogue serverNotices.<code>, the params
// as its placeholders); Message is the same in English, for API users and
// for a client that does not know the code.
type Notice struct {
	Code    string            `json:"code"`
	Params  map[string]string `json:"params,omitempty"`
	Message string            `json:"message"`
}

// NewNotice builds a Notice; params are name, value pairs.
func NewNotice(code, message string, params ...string) Notice {
	n := Notice{Code: code, Message: message}
	if len(params) > 1 {
		n.Params = make(map[string]string, len(params)/2)
		for i := 0; i+1 < len(params); i += 2 {
			n.Params[params[i]] = params[i+1]
		}
	}
	return n
}

// NoticeMessages is the English text of each notice, for the older
// string-array fields (warnings) that API users read.
func NoticeMessages(ns []Notice) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Message
	}
	return out
}
