// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in ko.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/ko/*.json', '!../messages/ko/admin*.json', '!../messages/ko/server*.json', '!../messages/ko/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
