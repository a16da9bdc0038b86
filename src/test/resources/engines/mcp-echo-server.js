// A minimal MCP server on stdio for the integration specs: it answers initialize, lists one tool (echo_mcp) and
// echoes its text when called. Enough for a CLI to connect and offer the tool to its model.
const readline = require('readline');
const send = (m) => process.stdout.write(JSON.stringify(m) + '\n');
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  let m;
  try { m = JSON.parse(line); } catch (e) { return; }
  if (m.id === undefined || m.id === null) return; // a notification
  const ok = (result) => send({ jsonrpc: '2.0', id: m.id, result });
  switch (m.method) {
    case 'initialize':
      ok({ protocolVersion: (m.params && m.params.protocolVersion) || '2025-06-18', capabilities: { tools: {} },
        serverInfo: { name: 'wtcraft-echo', version: '1.0.0' } });
      break;
    case 'tools/list':
      ok({ tools: [{ name: 'echo_mcp', description: 'Echoes its text back.',
        inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }] });
      break;
    case 'tools/call':
      ok({ content: [{ type: 'text', text: String(m.params && m.params.arguments && m.params.arguments.text) }] });
      break;
    case 'ping': ok({}); break;
    case 'resources/list': ok({ resources: [] }); break;
    case 'prompts/list': ok({ prompts: [] }); break;
    default: send({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'method not found: ' + m.method } });
  }
});
