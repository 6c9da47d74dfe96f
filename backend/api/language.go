package api

import (
	"strings"

	"github.com/opencodelabs/desktop/backend/model"
)

// validLanguage checks a codelab's default language: "" or one shipped tag.
func validLanguage(tag string) error {
	if model.ValidLanguage(tag) {
		return nil
	}
	return fieldError("language", "one_of", map[string]any{"choices": strings.Join(model.Languages, ", ")}, "The field language must be empty or one of %s.", strings.Join(model.Languages, ", "))
}
