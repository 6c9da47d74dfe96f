// One lazy chunk: the namespaces of a codelab's live workshop (steps' extras,
// comments, polls, the helper view), in this language. The attendee's first
// page (the list of codelabs) does not load it.
export default import.meta.glob('../messages/ar/{attLoop,comments,polls,helpers}.json', { eager: true, import: 'default' });
