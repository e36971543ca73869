/** The single-page web chat served at `/`: talks to POST /api/chat, renders citations, buttons and files. */
export const CHAT_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>耕保助手</title>
<style>
  body { margin: 0; font: 15px/1.6 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: #f3f5f2; }
  header { background: #2e6b3a; color: #fff; padding: 10px 16px; font-weight: 600; }
  #log { max-width: 760px; margin: 0 auto; padding: 12px 12px 96px; }
  .msg { margin: 8px 0; padding: 8px 12px; border-radius: 8px; white-space: pre-wrap; max-width: 85%; }
  .user { background: #d9eedd; margin-left: auto; }
  .bot { background: #fff; border: 1px solid #dde3dc; }
  .paragraph { margin: 0 0 8px; }
  .paragraph:last-of-type { margin-bottom: 0; }
  .citation { margin-top: 2px; }
  .sources { margin-top: 6px; font-size: 13px; color: #555; border-top: 1px dashed #ccc; padding-top: 4px; }
  .buttons button { margin: 6px 6px 0 0; padding: 4px 12px; border: 1px solid #2e6b3a; background: #fff; color: #2e6b3a; border-radius: 14px; cursor: pointer; }
  form { position: fixed; bottom: 0; left: 0; right: 0; background: #fff; border-top: 1px solid #ccc; padding: 10px; display: flex; gap: 8px; justify-content: center; }
  input { flex: 1; max-width: 640px; padding: 8px; font-size: 15px; }
  #upload { padding: 0 10px; }
</style>
</head>
<body>
<header>耕保助手 · 耕地保护政策问答与填报</header>
<div id="log"></div>
<form id="form"><button type="button" id="upload" title="管理员可上传 PDF、Word、Excel 等资料文件，加入资料库">上传文件</button><input type="file" id="file" hidden><input id="text" autocomplete="off" placeholder="输入问题，如：第二档补助标准是多少？"><button>发送</button></form>
<script>
const log = document.getElementById('log');
const input = document.getElementById('text');
function add(cls, text) {
  const div = document.createElement('div');
  div.className = 'msg ' + cls;
  div.textContent = text;
  log.appendChild(div);
  return div;
}
// Scrolled only once a reply is complete: scrolling before its buttons exist leaves them under the input bar on a phone.
function scrollToEnd() {
  window.scrollTo(0, document.body.scrollHeight);
}
// Draws the server's reply blocks (the layout every channel uses): each paragraph, then the citations under 出处.
function citationLine(block) {
  return block.number + '. ' + [block.source, block.section].filter(Boolean).join(' · ') + '「' + block.quote + '」';
}
function render(reply) {
  const div = add('bot', '');
  let sources;
  for (const block of reply.blocks || [{ kind: 'paragraph', text: reply.text }]) {
    if (block.kind === 'paragraph') {
      const paragraph = document.createElement('p');
      paragraph.className = 'paragraph';
      paragraph.textContent = block.text;
      div.appendChild(paragraph);
      continue;
    }
    if (!sources) {
      sources = document.createElement('div');
      sources.className = 'sources';
      sources.textContent = '出处';
      div.appendChild(sources);
    }
    const line = document.createElement('div');
    line.className = 'citation';
    line.textContent = citationLine(block);
    sources.appendChild(line);
  }
  if (reply.buttons && reply.buttons.length) {
    const row = document.createElement('div');
    row.className = 'buttons';
    for (const b of reply.buttons) {
      const button = document.createElement('button');
      button.textContent = b.label;
      button.onclick = () => send({ action: b.action }, b.label);
      row.appendChild(button);
    }
    div.appendChild(row);
  }
  if (reply.attachment && /^image\\/(png|jpeg)$/.test(reply.attachment.mimeType)) {
    const img = document.createElement('img');
    img.src = 'data:' + reply.attachment.mimeType + ';base64,' + reply.attachment.base64;
    img.alt = reply.attachment.fileName;
    img.style.maxWidth = '100%';
    img.onload = scrollToEnd;
    div.appendChild(document.createElement('br'));
    div.appendChild(img);
  }
  if (reply.attachment) {
    const a = document.createElement('a');
    a.href = 'data:' + reply.attachment.mimeType + ';base64,' + reply.attachment.base64;
    a.download = reply.attachment.fileName;
    a.textContent = '下载 ' + reply.attachment.fileName;
    div.appendChild(document.createElement('br'));
    div.appendChild(a);
  }
}
async function send(body, shown) {
  await post(shown, () => fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}
// The file goes as the raw request body, its name URI-encoded in a header; only an administrator's file is kept.
async function upload(file) {
  await post('（上传文件：' + file.name + '）', () => fetch('/api/upload', { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) }, body: file }));
}
const picker = document.getElementById('file');
document.getElementById('upload').onclick = () => picker.click();
picker.onchange = () => {
  const file = picker.files && picker.files[0];
  picker.value = '';
  if (file) upload(file);
};
async function post(shown, request) {
  add('user', shown);
  scrollToEnd();
  try {
    const response = await request();
    const data = await response.json();
    if (!response.ok) add('bot', data.error || '请求失败');
    else data.replies.forEach(render);
  } catch (e) {
    add('bot', '网络异常，请稍后重试。');
  }
  scrollToEnd();
}
document.getElementById('form').onsubmit = (e) => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  send({ text }, text);
};
send({ text: '帮助' }, '帮助');
</script>
</body>
</html>
`;
