-- A real editor as the language client: headless Neovim 0.7 (`nvim --headless --clean -u this`)
-- driven by tests/lsp/test_neovim.py.
--
-- The client set-up is docs/editors.md's, verbatim: the test extracts the "Neovim 0.7-0.10"
-- block (vim.lsp.start_client + an autocmd attaching each Dockerfile buffer) and the "Fix all on
-- save" block from the doc into DOCKWISE_NVIM_SNIPPETS, which runs here as a user's
-- plugin/dockwise.lua would. `dockwise` on PATH is the test's wrapper around this checkout.
--
-- Steps: open the Dockerfile, wait for its diagnostics, apply the DL3007 (pin tag) and DL3059
-- (merge RUN) quick fixes, then :write (the snippet's BufWritePre applies fix-all), waiting
-- after each edit for the diagnostics of the buffer's new version. The buffer's final text and
-- a log of the steps go to DOCKWISE_NVIM_RESULT as JSON; any failure is written there too and
-- exits non-zero.
--
-- Environment: DOCKWISE_NVIM_FILE (the Dockerfile), DOCKWISE_NVIM_RESULT (the JSON to write),
-- DOCKWISE_NVIM_SNIPPETS (the doc's Lua), DOCKWISE_NVIM_TIMEOUT_MS (per wait).

local file = assert(os.getenv("DOCKWISE_NVIM_FILE"), "DOCKWISE_NVIM_FILE is not set")
local result_path = assert(os.getenv("DOCKWISE_NVIM_RESULT"), "DOCKWISE_NVIM_RESULT is not set")
local snippets = assert(os.getenv("DOCKWISE_NVIM_SNIPPETS"), "DOCKWISE_NVIM_SNIPPETS is not set")
local timeout = tonumber(os.getenv("DOCKWISE_NVIM_TIMEOUT_MS") or "10000")

local log = {}
local published = {} -- bufnr -> { version = n, count = k, diagnostics = {...} }

local function note(fmt, ...)
  table.insert(log, string.format(fmt, ...))
end

local function write_result(tbl)
  tbl.log = log
  local fh = assert(io.open(result_path, "w"))
  fh:write(vim.fn.json_encode(tbl))
  fh:close()
end

-- Record every publish (version and diagnostics) before Neovim's own handler stores them.
local default_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  local bufnr = vim.uri_to_bufnr(result.uri)
  local entry = published[bufnr] or { count = 0 }
  entry.count = entry.count + 1
  entry.version = result.version
  entry.diagnostics = result.diagnostics
  published[bufnr] = entry
  return default_publish(err, result, ctx, config)
end

-- The set-up of docs/editors.md, as a user's plugin/dockwise.lua.
dofile(snippets)
local client_id -- the client the snippet started, found once it attaches to the buffer

local function wait_for(what, predicate)
  if not vim.wait(timeout, predicate, 20) then
    error("timed out after " .. timeout .. " ms waiting for " .. what)
  end
end

-- Diagnostics for the buffer's current version (Neovim sends its changedtick as the version).
local function wait_diagnostics(bufnr, step)
  wait_for("diagnostics (" .. step .. ")", function()
    local p = published[bufnr]
    return p ~= nil and p.version ~= nil and p.version == vim.lsp.util.buf_versions[bufnr]
  end)
  local codes = {}
  for _, d in ipairs(published[bufnr].diagnostics) do
    table.insert(codes, tostring(d.code))
  end
  note("%s: version %d, diagnostics %s", step, published[bufnr].version, table.concat(codes, ","))
  return published[bufnr].diagnostics
end

local function code_actions(bufnr, range, diagnostics, only)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = diagnostics, only = only },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, timeout)
  if not responses then
    error("textDocument/codeAction failed: " .. tostring(err))
  end
  local out = {}
  for _, response in pairs(responses) do
    if response.error then
      error("textDocument/codeAction error: " .. vim.inspect(response.error))
    end
    for _, action in ipairs(response.result or {}) do
      table.insert(out, action)
    end
  end
  return out
end

-- Apply the quick fix of the first published diagnostic with this code, rebuilding the
-- LSP-shaped diagnostics of its line from Neovim's diagnostic store (as a real client does).
local function apply_quick_fix(bufnr, code)
  local target
  for _, d in ipairs(published[bufnr].diagnostics) do
    if d.code == code then
      target = d
      break
    end
  end
  if not target then
    error("no " .. code .. " diagnostic was published")
  end
  local line = target.range.start.line
  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line, {}, client_id)
  local context_diags = {}
  for _, d in ipairs(line_diags) do
    if d.code == code then
      table.insert(context_diags, d)
    end
  end
  if #context_diags == 0 then
    error("get_line_diagnostics gave no " .. code .. " diagnostic on line " .. line)
  end
  local prefix = "dockwise (" .. code .. "): "
  for _, action in ipairs(code_actions(bufnr, context_diags[1].range, context_diags, nil)) do
    if action.title:sub(1, #prefix) == prefix then
      if not action.edit then
        error("quick fix '" .. action.title .. "' has no edit")
      end
      note("apply quick fix: %s", action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      return action.title
    end
  end
  error("no quick fix titled '" .. prefix .. "...' for " .. code)
end

local function buffer_text(bufnr)
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  if vim.api.nvim_buf_get_option(bufnr, "eol") then
    text = text .. "\n"
  end
  return text
end

local function main()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  wait_for("the dockwise client to attach", function()
    for id, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if client.name == "dockwise" then
        client_id = id
      end
    end
    return client_id ~= nil
  end)
  local titles = {}
  wait_diagnostics(bufnr, "open")
  table.insert(titles, apply_quick_fix(bufnr, "DL3007"))
  wait_diagnostics(bufnr, "after DL3007")
  table.insert(titles, apply_quick_fix(bufnr, "DL3059"))
  wait_diagnostics(bufnr, "after DL3059")
  local before_write = buffer_text(bufnr)
  vim.cmd("write")
  note("written")
  local final = wait_diagnostics(bufnr, "after the write (fix-all on save)")
  local final_codes = {}
  for _, d in ipairs(final) do
    table.insert(final_codes, tostring(d.code))
  end
  write_result({ ok = true, text = buffer_text(bufnr), before_write = before_write, titles = titles,
                 final_codes = final_codes })
end

local ok, err = pcall(main)
if not ok then
  write_result({ ok = false, error = tostring(err) })
  if client_id then
    vim.lsp.stop_client(client_id)
  end
  vim.cmd("cquit 1")
else
  -- a clean shutdown: Neovim sends shutdown/exit to the server on the way out
  vim.cmd("qa!")
end
