// One lazy chunk: every namespace both apps use, in this language (server*
// namespaces are for pages the Go server renders: never shipped to browsers).
export default import.meta.glob(['../messages/en/*.json', '!../messages/en/admin*.json', '!../messages/en/server*.json'], { eager: true, import: 'default' });
