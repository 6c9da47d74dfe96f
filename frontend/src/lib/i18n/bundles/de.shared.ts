// One lazy chunk: every namespace both apps use, in this language (server*
// namespaces are for pages the Go server renders: never shipped to browsers).
export default import.meta.glob(['../messages/de/*.json', '!../messages/de/admin*.json', '!../messages/de/server*.json'], { eager: true, import: 'default' });
