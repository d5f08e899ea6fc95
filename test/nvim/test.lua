-- test.lua: IRQ Lens inside a real headless Neovim 0.7 (built-in LSP client).
-- Adapted from the shared nvim-lsp-e2e kit: the same 0.7 API rules (start_client +
-- buf_attach_client, 0-based lnum, debounce 0, xpcall and cquit so a Lua error ends the run).
-- The checks here are the mechanics (server starts, diagnostics arrive, the edit is re-checked for
-- its version, clean shutdown); what the server said is written as JSON to E2E_REPORT, and
-- test/nvim/nvim.test.ts asserts it exactly.
--
-- Environment (run.sh sets the defaults): E2E_SERVER_CMD, E2E_FIXTURE, E2E_ROOT, E2E_BUDGET_MS,
-- E2E_REPORT (JSON output file), E2E_EXPECT_COUNT (diagnostics to wait for after open),
-- E2E_HOVER_LINE / E2E_HOVER_COL (1-based), E2E_FIX_CODE (the rule whose quick fix is applied).

local uv = vim.loop
local T0 = uv.hrtime()
local function now_ms() return (uv.hrtime() - T0) / 1e6 end

local out = io.stdout
out:setvbuf('line')
local function say(fmt, ...) out:write(string.format(fmt, ...) .. '\n') end

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then return default end
  return v
end

local cfg = {
  server_cmd = env('E2E_SERVER_CMD'),
  fixture = env('E2E_FIXTURE'),
  root = env('E2E_ROOT'),
  report = env('E2E_REPORT'),
  budget_ms = tonumber(env('E2E_BUDGET_MS', '17000')),
  expect_count = tonumber(env('E2E_EXPECT_COUNT', '1')),
  hover_line = tonumber(env('E2E_HOVER_LINE', '1')),
  hover_col = tonumber(env('E2E_HOVER_COL', '1')),
  fix_code = env('E2E_FIX_CODE', 'msi/index-from-requested'),
}

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('ok - %s (%.0f ms)', name, now_ms())
  else
    failed = failed + 1
    say('not ok - %s: %s (%.0f ms)', name, detail or 'failed', now_ms())
  end
  return ok
end

local deadline = cfg.budget_ms
local function left(step_ms) return math.max(0, math.min(step_ms, deadline - now_ms())) end
local function wait_for(step_ms, pred) return vim.wait(left(step_ms), pred, 10) end

local report = {}
local function write_report()
  if not cfg.report then return end
  local f = io.open(cfg.report, 'w')
  if f then
    f:write(vim.fn.json_encode(report))
    f:close()
  end
end

local function finish()
  write_report()
  say('%d passed, %d failed', passed, failed)
  out:flush()
  if failed == 0 then vim.cmd('qall!') else vim.cmd('cquit 1') end
end

local Abort = {}
local function abort(name, detail)
  check(name, false, detail)
  error(Abort)
end

local function sorted_diags(bufnr)
  local ds = vim.diagnostic.get(bufnr)
  table.sort(ds, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(a.code) < tostring(b.code)
  end)
  return ds
end

-- What Neovim 0.7 made of each diagnostic: 1-based line, byte column, and the LSP extras
-- that 0.7 keeps only in user_data.lsp.
local function plain(ds)
  local t = {}
  for i, d in ipairs(ds) do
    local lsp = d.user_data and d.user_data.lsp or {}
    local related = {}
    for j, r in ipairs(lsp.relatedInformation or {}) do
      related[j] = { file = vim.fn.fnamemodify(vim.uri_to_fname(r.location.uri), ':t'),
        line = r.location.range.start.line + 1, message = r.message }
    end
    t[i] = { line = d.lnum + 1, col = d.col + 1, endLine = d.end_lnum + 1, endCol = d.end_col + 1,
      severity = vim.diagnostic.severity[d.severity], code = d.code, source = d.source, message = d.message,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL, related = related }
  end
  return t
end

local function hover_text(contents)
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do parts[#parts + 1] = type(c) == 'string' and c or (c.value or '') end
  return table.concat(parts, '\n')
end

local function main()
  if not cfg.server_cmd or not cfg.fixture then abort('config', 'E2E_SERVER_CMD and E2E_FIXTURE must be set') end
  if vim.fn.filereadable(cfg.fixture) ~= 1 then abort('config', 'fixture not readable: ' .. cfg.fixture) end
  cfg.root = cfg.root or vim.fn.fnamemodify(cfg.fixture, ':p:h')
  say('# nvim %d.%d.%d, server: %s', vim.version().major, vim.version().minor, vim.version().patch, cfg.server_cmd)

  -- 1. Open the fixture; -u NONE turns filetype detection off, so set it.
  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.fixture))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'c'

  -- 2. Start irqlens the way docs/editors.md tells users to (0.7: start_client + buf_attach_client).
  local published, initialized, exit_info, rpc_errors = {}, false, nil, {}
  local fixture_uri = vim.uri_from_bufnr(bufnr)
  local ok, client_id = pcall(vim.lsp.start_client, {
    name = 'irqlens',
    cmd = { 'sh', '-c', 'exec ' .. cfg.server_cmd },
    cmd_cwd = cfg.root,
    root_dir = cfg.root,
    get_language_id = function(_, ft) return ft ~= '' and ft or 'c' end,
    flags = { debounce_text_changes = 0, exit_timeout = 1000 },
    settings = { irqlens = { backgroundScan = false } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        if result.uri == fixture_uri then published[#published + 1] = { version = result.version, n = #result.diagnostics } end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
      -- 0.7 answers workspace/configuration from `settings` itself; keep the default.
    },
    on_init = function() initialized = true end,
    on_error = function(code, err)
      rpc_errors[#rpc_errors + 1] = (vim.lsp.rpc.client_errors[code] or tostring(code)) .. ' ' .. vim.inspect(err)
    end,
    on_exit = function(code, signal) exit_info = { code = code, signal = signal } end,
  })
  if not ok or not client_id then abort('start server', 'vim.lsp.start_client failed: ' .. tostring(client_id)) end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then abort('attach', 'buf_attach_client returned false') end
  if not wait_for(8000, function() return initialized or exit_info ~= nil end) or not initialized then
    abort('server initialized', exit_info and ('server exited, code ' .. exit_info.code) or 'no initialize response')
  end
  check('server initialized', true)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 3. Diagnostics after didOpen.
  local got = wait_for(6000, function() return #published > 0 and #vim.diagnostic.get(bufnr) >= cfg.expect_count end)
  local ds = sorted_diags(bufnr)
  report.diagnostics = plain(ds)
  check('diagnostics published', got, string.format('%d diagnostics after open', #ds))

  -- 4. Hover (the fixture is ASCII, so byte columns equal UTF-16 units).
  local results, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = fixture_uri }, position = { line = cfg.hover_line - 1, character = cfg.hover_col - 1 },
  }, left(3000))
  local res = results and results[client_id]
  report.hover = res and res.result and res.result.contents and hover_text(res.result.contents) or vim.NIL
  check('hover answered', report.hover ~= vim.NIL, 'no hover: ' .. vim.inspect(err or res))

  -- 5. Code actions on the first diagnostic of E2E_FIX_CODE, built back into an LSP diagnostic.
  local target
  for _, d in ipairs(ds) do if d.code == cfg.fix_code and not target then target = d end end
  if not target then abort('code action', 'no ' .. cfg.fix_code .. ' diagnostic to fix') end
  local lsp_diag = {
    range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum, character = target.end_col } },
    severity = target.severity, message = target.message, code = target.code, source = target.source,
  }
  local ca = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = fixture_uri }, range = lsp_diag.range, context = { diagnostics = { lsp_diag } },
  }, left(3000))
  local actions = ca and ca[client_id] and ca[client_id].result or {}
  report.actions = {}
  local fix
  for i, a in ipairs(actions) do
    report.actions[i] = { title = a.title, kind = a.kind or vim.NIL, command = a.command and a.command.command or vim.NIL }
    if a.kind == 'quickfix' and a.edit and not fix then fix = a end
  end
  check('code actions answered', #actions > 0, 'no code actions')

  -- 6. A custom request through the client object (0.7: dot call, key `err`).
  local dev = client.request_sync('irqlens/devices', {}, left(3000), bufnr)
  report.devices = dev and dev.result or vim.NIL
  check('irqlens/devices answered', dev ~= nil and dev.err == nil, vim.inspect(dev))

  -- 7. Apply the quick fix as an edit of the buffer; the server re-checks that version.
  if not fix then abort('quick fix', 'no quickfix with an edit among ' .. #actions .. ' actions') end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  report.fixedLine = vim.api.nvim_buf_get_lines(bufnr, target.lnum - 1, target.lnum + 1, false)
  local version = vim.lsp.util.buf_versions[bufnr]
  local updated = wait_for(5000, function()
    local last = published[#published]
    return last and last.version == version
  end)
  report.after = plain(sorted_diags(bufnr))
  check('diagnostics after the edit', updated, 'no publishDiagnostics for version ' .. tostring(version))

  -- 8. Clean shutdown.
  vim.lsp.stop_client(client_id)
  wait_for(3000, function() return exit_info ~= nil end)
  check('server shut down cleanly', exit_info ~= nil and exit_info.code == 0,
    exit_info and ('exit code ' .. exit_info.code) or 'still running after 3 s')
  check('no RPC errors', #rpc_errors == 0, table.concat(rpc_errors, '; '))
end

local ok, err = xpcall(main, function(e)
  if e == Abort then return e end
  return debug.traceback(tostring(e))
end)
if not ok and err ~= Abort then check('lua error', false, err) end
if not ok then say('# aborted: later checks were not run') end
finish()
