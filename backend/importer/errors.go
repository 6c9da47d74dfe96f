package importer

import "fmt"

// Error is a refusal a facilitator can read. Code is a stable snake_case
// identifier the API turns into {"error":{"code":...}}; Message is a human
// sentence that names the file or limit involved.
type Error struct {
	Code    string
	Message string
}

// Error codes returned by this package. They are part of the HTTP contract
// (docs/api.md lists them for POST /api/admin/import).
const (
	CodeZipSlip           = "zip_slip"
	CodeZipTooLarge       = "zip_too_large"
	CodeFileTooLarge      = "file_too_large"
	CodeNotUTF8           = "not_utf8"
	CodeNoCodelab         = "no_codelab"
	CodeDuplicateStep     = "duplicate_step"
	CodeTooManySteps      = "too_many_steps"
	CodeTooManyFiles      = "too_many_files"
	CodeSymlink           = "symlink"
	CodeBadZip            = "bad_zip"
	CodeBadCodelab        = "bad_codelab"
	CodeNoTitle           = "no_title"
	CodeNoSteps           = "no_steps"
	CodeUnsupportedFormat = "unsupported_format"
	CodeBadAsset          = "bad_asset"
	CodeStepTooLarge      = "markdown_too_large"
	CodeBadFragment       = "bad_fragment"
	CodeNotClaatDoc       = "not_a_codelab_doc"
)

func (e *Error) Error() string { return "importer: " + e.Code + ": " + e.Message }

// errf builds an *Error with a formatted message.
func errf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}
