package api

// fieldError is a 400 invalid_field that also says which field failed and
// why, so the apps can say it in the person's language: the reason picks
// the message (fieldErrors.<reason> in the catalogue: required, empty,
// too_long, range, one_of, invalid), the field its name
// (fieldErrors.field.<field>, with "steps[]" for a step's field), and
// params fill it in (max, min, step...). format and args are the English
// message, kept for API users.
func fieldError(field, reason string, params map[string]any, format string, args ...any) *Error {
	e := badRequest("invalid_field", format, args...)
	e.Field, e.Reason, e.Params = field, reason, params
	return e
}
