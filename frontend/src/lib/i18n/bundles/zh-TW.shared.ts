// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in zh-TW.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/zh-TW/*.json', '!../messages/zh-TW/admin*.json', '!../messages/zh-TW/server*.json', '!../messages/zh-TW/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
