// One lazy chunk: every namespace both apps use, in this language.
export default import.meta.glob(['../messages/zh-CN/*.json', '!../messages/zh-CN/admin*.json'], { eager: true, import: 'default' });
