// Package importer converts codelab files to and from model values. It is
// pure: bytes in, a Bundle out (or the reverse); it knows no HTTP, no
// database and no file system, so "nothing half-imported" is the caller's
// transaction. Import never returns a partial Bundle with a nil error.
//
// # Formats
//
// Open Codelabs ZIP (FormatOpenCodelabs), as the Rust project exports it:
//
//	codelab.json            id, title, description, author, is_public, quiz_enabled,
//	                        require_quiz, require_feedback, require_submission,
//	                        guide_markdown, created_at ("2006-01-02 15:04:05" UTC)
//	step_NN_<title>.md      one per step, NN two digits from 01, content markdown only
//	preparation_guide.md    when there is a guide
//	opencodelabs-desktop.json  ours, ignored by Open Codelabs: codelab duration, tags,
//	                        access code, default language, per-step number/file/title/duration, image list
//	images/<name>           assets, by base name
//
// Import takes the shallowest codelab.json (so a zipped folder works),
// orders step files by NN (gaps allowed, renumbered 1..n; the same NN
// twice is duplicate_step). A step's title comes, in order, from
// opencodelabs-desktop.json, from the file name (underscores back to
// spaces), from a "# Heading" on the step's first line when the file name
// has no title part (the heading stays in the markdown: Open Codelabs
// writes content only, so a heading there is the author's), else
// "Step N". Booleans in codelab.json may be true/false or 0/1.
//
// claat markdown (FormatClaatMD, or FormatClaatZip for a ZIP holding one
// .md with its images), after googlecodelabs/tools FORMAT-GUIDE.md and
// claat/parser/md: a header of "key: value" lines (keys case-insensitive)
// up to the first blank line or heading, or between "---" lines; "# Title";
// one step per "## " heading; text before the first step is dropped, as
// claat does. Header mapping: id → ID, summary → Description, authors (or
// author) → Author, tags (else categories) → Tags, duration → codelab
// minutes (else the sum of the steps); every other key goes to
// Bundle.Meta and is written back on export. "Duration: mm:ss",
// "hh:mm:ss" or "N" (minutes) lines inside a step set its minutes,
// rounded up, and are removed from the body. Info boxes in the
// "Positive\n: text" form stay as written; <aside class="positive"> blocks
// become "> Positive: text" blockquotes (raw HTML is escaped by our
// renderer) and go back to <aside> on export. Setext headings are not
// steps. A UTF-8 BOM and \r\n or \r line endings are accepted everywhere.
//
// Beyond that (claat_constructs.go): "<<path.md>>" fragment includes from
// the same ZIP, <button>, <video id> and allowlisted iframe images become
// marked links ([t](u "button"|"video"|"embed")), <form> surveys become
// "> Poll:" blocks (PollsFromMarkdown lists them), "Environment:" lines set
// Step.Environments and Options.Environment hides the other steps.
//
// Google Docs HTML (FormatGDocHTML, FormatGDocZip; gdoc.go) is converted to
// the same claat markdown, reading styles from the export's <style> classes.
//
// # Images
//
// Relative image URLs (![a](img/x.png), <img src="img/x.png">) that
// resolve to an image file in the ZIP, in the markdown's folder or below
// (or, for Open Codelabs, anything under images/), become Assets. Remote,
// absolute and missing images stay untouched. The markdown is
// rewritten so each such URL equals its Asset.Path. The caller stores the
// assets and calls RewriteImages(md, func(u) string { return stored[u] or u }).
// Before exporting, the caller points the markdown back at "images/<name>"
// (Open Codelabs) or at each Asset.Path (claat) and passes the Assets.
//
// # Safety
//
// Every refusal is an *Error with a stable Code: zip_slip (".." or
// absolute entry names), symlink, bad_zip, too_many_files, zip_too_large
// (over MaxTotalBytes decompressed, counted on the bytes really read, or
// an entry over MaxRatio:1 once past 1 MiB), file_too_large (one file over
// MaxFileBytes), not_utf8, no_codelab, no_title, no_steps, duplicate_step,
// too_many_steps (over MaxSteps), bad_codelab, bad_asset,
// unsupported_format, markdown_too_large (a step over MaxStepBytes),
// bad_fragment, not_a_codelab_doc.
package importer
