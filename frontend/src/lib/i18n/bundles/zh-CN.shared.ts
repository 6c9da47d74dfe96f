// One lazy chunk: the namespaces every page of both apps uses, in this language
// (the workshop's own namespaces are in zh-CN.workshop.ts; server* namespaces are for
// pages the Go server renders: never shipped to browsers).
export default import.meta.glob(
  ['../messages/zh-CN/*.json', '!../messages/zh-CN/admin*.json', '!../messages/zh-CN/server*.json', '!../messages/zh-CN/{attLoop,comments,polls,helpers}.json'],
  { eager: true, import: 'default' },
);
