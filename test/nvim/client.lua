-- Headless Neovim (0.7 API) as an LSP client of the duty-report language server: the cheap
-- check that the server works outside VS Code (shared TESTING.md, section 2).
--
--   DUTY_REPORT_SERVER=server/out/server.js DUTY_REPORT_FILE=…/2024年述职报告.md \
--   DUTY_REPORT_PLAIN=…/README.md DUTY_REPORT_OUT=…/result.jsonl \
--   nvim --headless --clean -c 'luafile test/nvim/client.lua'
--
-- Writes one JSON object per line to DUTY_REPORT_OUT (and to stdout):
--   {"kind":"lsp","file":"report"|"plain","diagnostic":{…}}  as the server sent it (UTF-16 columns)
--   {"kind":"vim","file":…,"diagnostic":{lnum,col,end_lnum,end_col,…}}  as Neovim placed it (byte columns)
--   {"kind":"log","message":…}  the server's window/logMessage and showMessage
--   {"kind":"summary",…} or {"kind":"error","message":…}
-- Exits 0 when the report got our diagnostics and the plain file none; otherwise :cquit 1.

local SOURCE = '述职报告助手'
local server = os.getenv('DUTY_REPORT_SERVER') or 'server/out/server.js'
local report = os.getenv('DUTY_REPORT_FILE')
local plain = os.getenv('DUTY_REPORT_PLAIN')
local out_path = os.getenv('DUTY_REPORT_OUT')
local node = os.getenv('DUTY_REPORT_NODE') or 'node'
local timeout_ms = tonumber(os.getenv('DUTY_REPORT_TIMEOUT_MS') or '15000')

local out = {}
local function emit(obj)
  table.insert(out, vim.fn.json_encode(obj))
end

-- Every publishDiagnostics as received, per buffer, before Neovim converts positions to bytes.
local published = {}
local exited = nil
local client_id = nil

local function flush()
  local text = table.concat(out, '\n') .. '\n'
  if out_path and out_path ~= '' then
    local f = assert(io.open(out_path, 'w'))
    f:write(text)
    f:close()
  end
  io.stdout:write(text)
end

local function stop_server()
  if client_id == nil or exited ~= nil then
    return
  end
  vim.lsp.stop_client(client_id)
  -- shutdown + exit is what a well-behaved server gets; force it only if it hangs.
  if not vim.wait(3000, function() return exited ~= nil end, 20) then
    vim.lsp.stop_client(client_id, true)
    vim.wait(1000, function() return exited ~= nil end, 20)
  end
end

local function finish(ok, why)
  if not ok then
    emit({ kind = 'error', message = why })
  end
  stop_server()
  flush()
  if ok then
    vim.cmd('qall!')
  else
    vim.cmd('cquit 1')
  end
end

local function ours(diags)
  local n = 0
  for _, d in ipairs(diags or {}) do
    if d.source == SOURCE then
      n = n + 1
    end
  end
  return n
end

local function latest(bufnr)
  local list = published[bufnr]
  return list and list[#list] or nil
end

-- Opens a file as Markdown and attaches the client (didOpen carries languageId = filetype).
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= 'markdown' then
    vim.bo[bufnr].filetype = 'markdown'
  end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    error('buf_attach_client failed for ' .. path)
  end
  return bufnr
end

local function record(bufnr, file)
  local last = latest(bufnr)
  for _, d in ipairs(last and last.diagnostics or {}) do
    emit({ kind = 'lsp', file = file, diagnostic = d })
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    emit({
      kind = 'vim',
      file = file,
      diagnostic = {
        lnum = d.lnum,
        col = d.col,
        end_lnum = d.end_lnum,
        end_col = d.end_col,
        severity = d.severity,
        source = d.source,
        code = d.code,
        message = d.message,
      },
    })
  end
end

local function main()
  if not report or report == '' or not plain or plain == '' then
    return finish(false, 'set DUTY_REPORT_FILE and DUTY_REPORT_PLAIN')
  end
  if vim.fn.filereadable(server) == 0 then
    return finish(false, 'language server not found: ' .. server .. ' (build it with node esbuild.js)')
  end

  client_id = vim.lsp.start_client({
    name = 'duty-report',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(report, ':p:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        local bufnr = vim.uri_to_bufnr(result.uri)
        published[bufnr] = published[bufnr] or {}
        table.insert(published[bufnr], result)
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
      ['window/logMessage'] = function(_, result)
        emit({ kind = 'log', message = result.message })
      end,
      ['window/showMessage'] = function(_, result)
        emit({ kind = 'log', message = result.message })
      end,
    },
    on_exit = function(code, signal)
      exited = { code = code, signal = signal }
    end,
  })
  if not client_id then
    return finish(false, 'vim.lsp.start_client returned nil')
  end

  local report_buf = open(report)
  local got = vim.wait(timeout_ms, function()
    local last = latest(report_buf)
    return exited ~= nil or (last ~= nil and ours(last.diagnostics) > 0)
  end, 20)
  if exited ~= nil then
    return finish(false, 'the server exited: code ' .. tostring(exited.code) .. ', signal ' .. tostring(exited.signal))
  end
  if not got then
    return finish(false, 'no diagnostics from ' .. SOURCE .. ' for the report within ' .. timeout_ms .. ' ms')
  end
  record(report_buf, 'report')

  -- An ordinary Markdown file: the server may publish an empty list or nothing at all, so
  -- give it the time it took the report, and more, to say something wrong.
  local plain_buf = open(plain)
  vim.wait(2000, function()
    return exited ~= nil or latest(plain_buf) ~= nil
  end, 20)
  vim.wait(300, function() return false end, 20)
  record(plain_buf, 'plain')
  local plain_last = latest(plain_buf)
  local plain_ours = plain_last and ours(plain_last.diagnostics) or 0

  emit({
    kind = 'summary',
    report = ours(latest(report_buf).diagnostics),
    plain = plain_ours,
    plain_published = plain_last ~= nil,
    offset_encoding = vim.lsp.get_client_by_id(client_id).offset_encoding,
  })
  if plain_ours > 0 then
    return finish(false, 'the plain Markdown file got ' .. plain_ours .. ' diagnostics from ' .. SOURCE)
  end
  return finish(true)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  -- A Lua error must not leave a headless Neovim waiting forever.
  pcall(finish, false, tostring(err))
  vim.cmd('cquit 1')
end
