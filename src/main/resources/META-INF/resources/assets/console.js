// The Sendports console's behaviour. No build step and no framework: htmx renders and live-updates the views
// (server-rendered by Qute); this file sends every change through the JSON API (/api/...), exactly as a script would,
// and shows its answers. Field errors of a 400 appear beside the fields that the API's errors[].field names.
'use strict';

(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

  /**
   * One call of the JSON API: resolves to {ok, status, data}; a lost session goes back to the login page. A PUT with
   * the revision the form was rendered from sends If-Match, so a change made meanwhile elsewhere is not overwritten.
   */
  async function api(method, path, body, contentType, revision) {
    const headers = {'Accept': 'application/json', 'X-CSRF-Token': csrf()};
    let payload;
    if (body !== undefined && body !== null) {
      if (contentType) {
        headers['Content-Type'] = contentType;
        payload = body;
      } else {
        headers['Content-Type'] = 'application/json';
        payload = JSON.stringify(body);
      }
    }
    if (revision !== undefined) {
      headers['If-Match'] = '"' + revision + '"';
    }
    const response = await fetch(path, {method, headers, body: payload, credentials: 'same-origin'});
    if (response.status === 401 && document.body.dataset.view !== 'login') {
      location.assign('/console/login?expired=true');
    }
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = {detail: text};
    }
    return {ok: response.ok, status: response.status, data};
  }

  /** A problem+json answer as one line: its detail, or its field errors. */
  function describe(result) {
    const d = result.data || {};
    if (Array.isArray(d.errors) && d.errors.length) {
      return d.errors.map(e => (e.field ? e.field + ': ' : '') + e.message).join('; ');
    }
    return d.detail || d.title || ('HTTP ' + result.status);
  }

  function showOutcome(lines, failed) {
    const box = document.getElementById('outcome');
    if (!box) {
      return;
    }
    box.replaceChildren();
    box.className = 'outcome' + (failed ? ' failed' : '');
    const list = document.createElement('ul');
    for (const line of lines) {
      const item = document.createElement('li');
      item.textContent = line.text;
      item.className = line.ok ? 'ok' : 'failed';
      list.appendChild(item);
    }
    box.appendChild(list);
  }

  // ---- CSRF for htmx's own requests (all GETs today; kept for any later write)
  document.addEventListener('htmx:configRequest', event => {
    event.detail.headers['X-CSRF-Token'] = csrf();
  });
  document.addEventListener('htmx:responseError', event => {
    if (event.detail.xhr.status === 401) {
      location.assign('/console/login?expired=true');
      return;
    }
    showOutcome([{ok: false, text: 'HTTP ' + event.detail.xhr.status + ': ' + event.detail.xhr.responseText}], true);
  });

  // ---- Login and logout
  function initLogin() {
    const form = document.getElementById('login-form');
    if (!form) {
      return;
    }
    if (new URLSearchParams(location.search).get('expired') === 'true') {
      document.getElementById('login-error').textContent = 'Your session ended. Log in again.';
    }
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const error = document.getElementById('login-error');
      error.textContent = '';
      const response = await fetch('/console/login', {method: 'POST', body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin'});
      if (response.ok) {
        location.assign('/console/ports');
      } else {
        error.textContent = response.status === 401 ? 'Wrong user name or password.' : 'Login failed: HTTP ' + response.status;
        document.getElementById('j_password').select();
      }
    });
  }

  function initLogout() {
    const button = document.getElementById('logout');
    if (button) {
      button.addEventListener('click', async () => {
        await api('POST', '/api/logout');
        location.assign('/console/login');
      });
    }
  }

  // ---- Tables: row actions, selection, bulk actions, sort, filter
  const selected = new Map(); // table id -> Set of names

  function tableOf(element) {
    return element.closest('table') || document.getElementById(element.dataset.table);
  }

  function entityPath(table, name, verb) {
    const base = '/api/' + table.dataset.entity + '/' + encodeURIComponent(name);
    if (table.dataset.entity === 'suspended-messages') {
      return verb === 'resume' ? {method: 'POST', path: base + '/resume'} : {method: 'DELETE', path: base};
    }
    return verb === 'delete' ? {method: 'DELETE', path: base} : {method: 'POST', path: base + '/' + verb};
  }

  function rowOf(table, name) {
    return Array.from(table.tBodies[0].rows).find(row => row.dataset.name === name);
  }

  /** Reloads one row from the server (the live stream would bring it too, within a second). */
  function refreshRow(table, name) {
    const row = rowOf(table, name);
    if (!row || table.dataset.rows === 'suspended') {
      return Promise.resolve();
    }
    return htmx.ajax('GET', '/console/' + table.dataset.rows + '/' + encodeURIComponent(name) + '/row',
      {target: row, swap: 'outerHTML'});
  }

  async function perform(table, verb, names) {
    const lines = [];
    const changed = [];
    let failed = false;
    for (const name of names) {
      const call = entityPath(table, name, verb);
      const result = await api(call.method, call.path);
      if (!result.ok) {
        failed = true;
        lines.push({ok: false, text: name + ': ' + describe(result)});
      } else if (verb === 'resume') {
        const delivered = result.data && result.data.delivered;
        failed = failed || !delivered;
        lines.push({ok: delivered, text: name + (delivered ? ': delivered' : ': still suspended (' + result.data.error + ')')});
      } else {
        lines.push({ok: true, text: name + ': ' + (call.method === 'DELETE' ? (verb === 'terminate' ? 'terminated' : 'deleted')
          : result.data && result.data.state ? result.data.state : verb + ' done')});
      }
      if (result.ok && (call.method === 'DELETE' || (verb === 'resume' && result.data.delivered))) {
        const row = rowOf(table, name);
        if (row) {
          row.remove();
        }
        (selected.get(table.id) || new Set()).delete(name);
      } else if (result.ok) {
        changed.push(name);
      }
    }
    showOutcome(lines, failed);
    if (table.dataset.rows === 'suspended') {
      htmx.trigger(document.getElementById('suspended-filter'), 'submit');
    } else {
      for (const name of changed) {
        await refreshRow(table, name);
      }
    }
  }

  function confirmed(verb, names) {
    if (verb !== 'delete' && verb !== 'terminate') {
      return true;
    }
    return window.confirm(verb[0].toUpperCase() + verb.slice(1) + ' ' + names.join(', ') + '?');
  }

  document.addEventListener('click', event => {
    const action = event.target.closest('button[data-action]');
    if (action) {
      const table = tableOf(action);
      const names = [action.dataset.name];
      if (confirmed(action.dataset.action, names)) {
        perform(table, action.dataset.action, names);
      }
      return;
    }
    const bulk = event.target.closest('button[data-bulk]');
    if (bulk) {
      const table = document.getElementById(bulk.dataset.table);
      const names = Array.from(selected.get(table.id) || []);
      if (!names.length) {
        showOutcome([{ok: false, text: 'Select one or more rows first.'}], true);
      } else if (confirmed(bulk.dataset.bulk, names)) {
        perform(table, bulk.dataset.bulk, names);
      }
      return;
    }
    const sort = event.target.closest('th button[data-sort]');
    if (sort) {
      sortBy(sort);
      return;
    }
    if (event.target.closest('button[data-refresh]')) {
      location.reload();
    }
  });

  document.addEventListener('change', event => {
    const box = event.target;
    if (box.matches('input[data-select]')) {
      const table = tableOf(box);
      const set = selected.get(table.id) || new Set();
      selected.set(table.id, set);
      if (box.checked) {
        set.add(box.value);
      } else {
        set.delete(box.value);
      }
    } else if (box.matches('input[data-select-all]')) {
      const table = tableOf(box);
      const set = new Set();
      for (const row of visibleRows(table)) {
        const check = row.querySelector('input[data-select]');
        if (check) {
          check.checked = box.checked;
          if (box.checked) {
            set.add(check.value);
          }
        }
      }
      selected.set(table.id, set);
    } else if (box.matches('select[data-filter-state]')) {
      applyFilter(document.getElementById(box.dataset.filterState));
    }
  });

  document.addEventListener('input', event => {
    if (event.target.matches('input[data-filter-text]')) {
      applyFilter(document.getElementById(event.target.dataset.filterText));
    }
  });

  function visibleRows(table) {
    return Array.from(table.tBodies[0].rows).filter(row => !row.hidden);
  }

  function applyFilter(table) {
    if (!table) {
      return;
    }
    const text = (document.querySelector('[data-filter-text="' + table.id + '"]') || {}).value || '';
    const state = (document.querySelector('[data-filter-state="' + table.id + '"]') || {}).value || '';
    const needle = text.trim().toLowerCase();
    for (const row of table.tBodies[0].rows) {
      row.hidden = (needle && !row.textContent.toLowerCase().includes(needle))
        || (state && row.dataset.state !== state);
    }
  }

  const sortState = new Map(); // table id -> {column, descending}

  function sortBy(button) {
    const table = button.closest('table');
    const column = button.closest('th').cellIndex;
    const previous = sortState.get(table.id);
    const descending = previous && previous.column === column ? !previous.descending : false;
    sortState.set(table.id, {column, descending});
    for (const th of table.tHead.rows[0].cells) {
      th.removeAttribute('aria-sort');
    }
    button.closest('th').setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    applySort(table);
  }

  function cellValue(row, column) {
    const cell = row.cells[column];
    return cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim()) : '';
  }

  function applySort(table) {
    const order = sortState.get(table.id);
    if (!order) {
      return;
    }
    const rows = Array.from(table.tBodies[0].rows).filter(row => row.dataset.name !== undefined);
    rows.sort((a, b) => {
      const x = cellValue(a, order.column);
      const y = cellValue(b, order.column);
      const numeric = x !== '' && y !== '' && !isNaN(x) && !isNaN(y);
      const compared = numeric ? Number(x) - Number(y) : x.localeCompare(y, undefined, {sensitivity: 'base'});
      return order.descending ? -compared : compared;
    });
    table.tBodies[0].append(...rows);
  }

  /** After a live update or a refreshed row: keep the user's selection, sort and filter. */
  function afterRowsChanged() {
    for (const table of document.querySelectorAll('table.grid')) {
      const set = selected.get(table.id);
      if (set) {
        for (const box of table.querySelectorAll('input[data-select]')) {
          box.checked = set.has(box.value);
        }
      }
      applySort(table);
      applyFilter(table);
      const note = document.querySelector('[data-empty-note="' + table.id + '"]');
      if (note) {
        note.hidden = table.tBodies[0].rows.length > 0;
      }
    }
  }
  // afterSwap, not afterSettle: htmx settles 20 ms after the swap, and a row shown in that window ignores the filter
  document.addEventListener('htmx:afterSwap', afterRowsChanged);
  document.addEventListener('htmx:oobAfterSwap', afterRowsChanged);

  // ---- The properties forms: fields named by JSON path, turned back into the API's JSON
  function setPath(target, path, value) {
    const parts = path.split('.');
    let node = target;
    for (let i = 0; i < parts.length - 1; i++) {
      node[parts[i]] = node[parts[i]] || {};
      node = node[parts[i]];
    }
    node[parts[parts.length - 1]] = value;
  }

  function fieldValue(element) {
    const type = element.dataset.type;
    if (type === 'bool') {
      return element.checked;
    }
    const raw = element.value.trim();
    if (raw === '') {
      return undefined;
    }
    switch (type) {
      case 'int':
        return /^-?\d+$/.test(raw) ? Number(raw) : raw;
      case 'list':
        return raw.split(',').map(s => s.trim()).filter(Boolean);
      case 'lines':
        return raw.split('\n').map(s => s.trim()).filter(Boolean);
      case 'map': {
        const map = {};
        for (const line of raw.split('\n')) {
          const at = line.indexOf('=');
          if (line.trim()) {
            map[(at < 0 ? line : line.slice(0, at)).trim()] = at < 0 ? '' : line.slice(at + 1).trim();
          }
        }
        return map;
      }
      default:
        return raw;
    }
  }

  /** The enabled fields of the form, skipping those of a transport type not chosen and the filter editor's. */
  function serialize(form) {
    const body = {};
    const checks = new Map();
    for (const element of form.querySelectorAll('[name]')) {
      if (element.disabled || element.closest('fieldset[disabled]:not(.whole)') || element.closest('[data-filter-editor]')) {
        continue;
      }
      if (element.dataset.type === 'checks') {
        const list = checks.get(element.name) || [];
        if (element.checked) {
          list.push(element.value);
        }
        checks.set(element.name, list);
        continue;
      }
      const value = fieldValue(element);
      if (value !== undefined) {
        setPath(body, element.name, value);
      }
    }
    checks.forEach((list, name) => setPath(body, name, list));
    const editor = form.querySelector('[data-filter-editor]');
    if (editor) {
      const filter = [];
      editor.querySelectorAll(':scope .or-groups > .or-group').forEach((group, i) => {
        const statements = [];
        group.querySelectorAll('.statement').forEach((statement, j) => {
          const field = editor.dataset.field + '[' + i + '][' + j + ']';
          const part = name => statement.querySelector('[data-part="' + name + '"]');
          const s = {property: part('property').value.trim(), operator: part('operator').value};
          if (s.operator !== 'exists' || part('value').value.trim() !== '') {
            s.value = part('value').value;
          }
          ['property', 'operator', 'value'].forEach(name => { part(name).dataset.field = field + '.' + name; });
          statements.push(s);
        });
        group.dataset.field = editor.dataset.field + '[' + i + ']';
        filter.push(statements);
      });
      setPath(body, editor.dataset.field, filter);
    }
    return body;
  }

  /** The element an error's field names: the field itself, or the nearest enclosing path that has one. */
  function fieldElement(form, field) {
    let path = field;
    while (path) {
      const element = form.querySelector('[data-field="' + CSS.escape(path) + '"]')
        || form.querySelector('[name="' + CSS.escape(path) + '"]');
      if (element) {
        return element;
      }
      const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      path = cut > 0 ? path.slice(0, cut) : '';
    }
    return null;
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error[data-for]').forEach(e => e.remove());
    form.querySelectorAll('[aria-invalid]').forEach(e => {
      e.removeAttribute('aria-invalid');
      e.removeAttribute('aria-describedby');
    });
    const general = form.querySelector('#form-errors');
    if (general) {
      general.replaceChildren();
    }
  }

  let errorIds = 0;

  function showErrors(form, result) {
    const general = form.querySelector('#form-errors');
    const errors = (result.data && Array.isArray(result.data.errors)) ? result.data.errors : [];
    if (!errors.length) {
      general.textContent = describe(result);
      return;
    }
    let first = null;
    const unplaced = [];
    for (const error of errors) {
      const element = error.field ? fieldElement(form, error.field) : null;
      if (!element) {
        unplaced.push((error.field ? error.field + ': ' : '') + error.message);
        continue;
      }
      const message = document.createElement('p');
      message.className = 'field-error';
      message.dataset.for = error.field;
      message.id = 'error-' + (++errorIds);
      message.textContent = (error.field ? error.field + ' ' : '') + error.message;
      element.setAttribute('aria-invalid', 'true');
      element.setAttribute('aria-describedby', message.id);
      (element.closest('.field, .check, .statement, .or-group, .filter-editor, .members-editor') || element)
        .insertAdjacentElement('afterend', message);
      first = first || element;
    }
    general.textContent = errors.length + (errors.length === 1 ? ' field needs' : ' fields need') + ' a change.'
      + (unplaced.length ? ' ' + unplaced.join('; ') : '');
    if (first && first.focus) {
      first.focus();
    }
  }

  function initEntityForm() {
    const form = document.getElementById('entity-form');
    if (!form) {
      return;
    }
    initTransports(form);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      const body = serialize(form);
      const collection = '/api/' + form.dataset.entity;
      const result = form.dataset.name
        ? await api('PUT', collection + '/' + encodeURIComponent(form.dataset.name), body, undefined,
          form.dataset.revision)
        : await api('POST', collection, body);
      if (result.ok) {
        location.assign(form.dataset.back);
      } else {
        showErrors(form, result);
      }
    });
  }

  /** Shows the options of the chosen transport type only; the others are disabled, so they are not sent. */
  function initTransports(form) {
    for (const transport of form.querySelectorAll('[data-transport]')) {
      const select = transport.querySelector('[data-transport-type]');
      const update = () => {
        const type = select.value;
        for (const options of transport.querySelectorAll('fieldset[data-options]')) {
          const shown = options.dataset.options.split(' ').includes(type);
          options.hidden = !shown;
          options.disabled = !shown;
        }
        const section = transport.closest('section');
        for (const part of section.querySelectorAll('[data-transport-part]')) {
          part.hidden = !type;
          part.querySelectorAll('input, select, textarea').forEach(e => { e.disabled = !type; });
        }
      };
      select.addEventListener('change', update);
      update();
    }
  }

  // The filter editor: OR groups of AND statements
  document.addEventListener('click', event => {
    const editor = event.target.closest('[data-filter-editor]');
    if (!editor || editor.closest('fieldset[disabled]')) {
      return;
    }
    const statementTemplate = editor.querySelector('template[data-statement-template]');
    if (event.target.matches('[data-add-group]')) {
      const group = editor.querySelector('template[data-group-template]').content.firstElementChild.cloneNode(true);
      group.querySelector('.statements').appendChild(statementTemplate.content.firstElementChild.cloneNode(true));
      editor.querySelector('.or-groups').appendChild(group);
      group.querySelector('[data-part="property"]').focus();
    } else if (event.target.matches('[data-add-statement]')) {
      const statement = statementTemplate.content.firstElementChild.cloneNode(true);
      event.target.closest('.or-group').querySelector('.statements').appendChild(statement);
      statement.querySelector('[data-part="property"]').focus();
    } else if (event.target.matches('[data-remove-statement]')) {
      const group = event.target.closest('.or-group');
      event.target.closest('.statement').remove();
      if (!group.querySelector('.statement')) {
        group.remove();
      }
    } else if (event.target.matches('[data-remove-group]')) {
      event.target.closest('.or-group').remove();
    }
  });

  // ---- Bindings: export downloads, import with the dry-run report first
  function download(name, type, text) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], {type}));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  document.addEventListener('click', async event => {
    const button = event.target.closest('button[data-export]');
    if (!button) {
      return;
    }
    const yaml = button.dataset.export === 'yaml';
    const response = await fetch('/api/bindings', {headers: {'Accept': yaml ? 'application/yaml' : 'application/json'},
      credentials: 'same-origin'});
    if (response.ok) {
      download(yaml ? 'sendports-bindings.yaml' : 'sendports-bindings.json',
        yaml ? 'application/yaml' : 'application/json', await response.text());
      showOutcome([{ok: true, text: 'Exported as ' + (yaml ? 'YAML' : 'JSON') + '.'}], false);
    } else {
      showOutcome([{ok: false, text: 'Export failed: HTTP ' + response.status}], true);
    }
  });

  function contentTypeOf(file, text) {
    const name = file.name.toLowerCase();
    if (name.endsWith('.xml') || text.trimStart().startsWith('<')) {
      return 'application/xml';
    }
    if (name.endsWith('.yaml') || name.endsWith('.yml')) {
      return 'application/yaml';
    }
    return 'application/json';
  }

  function reportTable(caption, rows, columns) {
    const table = document.createElement('table');
    table.className = 'grid report';
    const cap = table.createCaption();
    cap.textContent = caption;
    const head = table.createTHead().insertRow();
    for (const column of columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column.title;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of rows) {
      const tr = body.insertRow();
      for (const column of columns) {
        tr.insertCell().textContent = column.value(row);
      }
    }
    return table;
  }

  function showReport(box, report) {
    box.replaceChildren();
    const title = document.createElement('h3');
    title.textContent = report.dryRun ? 'Dry run: nothing was written yet' : 'Imported';
    box.appendChild(title);
    const action = [{title: 'Name', value: r => r.name}, {title: 'Action', value: r => r.action},
      {title: 'Changed', value: r => (r.changed || []).join(', ')}];
    box.appendChild(reportTable('Send ports', report.sendPorts || [], action));
    box.appendChild(reportTable('Send port groups', report.sendPortGroups || [], action));
    if (report.notMapped && report.notMapped.length) {
      box.appendChild(reportTable('Not mapped from the BizTalk file', report.notMapped, [
        {title: 'Entity', value: r => r.entity}, {title: 'Element', value: r => r.element},
        {title: 'Value', value: r => r.value || ''}, {title: 'Note', value: r => r.note || ''}]));
    }
  }

  function initImport() {
    const form = document.getElementById('import-form');
    if (!form) {
      return;
    }
    const confirm = document.getElementById('import-confirm');
    const box = document.getElementById('import-report');
    const send = async dryRun => {
      const file = form.querySelector('#i-file').files[0];
      if (!file) {
        box.textContent = 'Choose a file first.';
        return;
      }
      const text = await file.text();
      const type = contentTypeOf(file, text);
      const topic = form.querySelector('#i-topic').value.trim();
      const query = new URLSearchParams();
      if (dryRun) {
        query.set('dryRun', 'true');
      }
      if (topic && type === 'application/xml') {
        query.set('topic', topic);
      }
      const result = await api('POST', '/api/bindings' + (query.toString() ? '?' + query : ''), text, type);
      if (result.ok) {
        showReport(box, result.data);
        confirm.hidden = !dryRun;
      } else {
        confirm.hidden = true;
        box.replaceChildren();
        const error = document.createElement('p');
        error.className = 'field-error';
        error.setAttribute('role', 'alert');
        error.textContent = 'Refused (' + result.status + '): ' + describe(result);
        box.appendChild(error);
      }
    };
    form.addEventListener('submit', event => {
      event.preventDefault();
      send(true);
    });
    form.querySelector('#i-file').addEventListener('change', () => { confirm.hidden = true; });
    confirm.addEventListener('click', () => send(false));
  }

  // ---- Publish a test message
  function initPublish() {
    const form = document.getElementById('publish-form');
    if (!form) {
      return;
    }
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      const topic = form.querySelector('#p-topic').value.trim();
      const body = {value: form.querySelector('#p-value').value};
      const key = form.querySelector('#p-key').value;
      if (key) {
        body.key = key;
      }
      const headers = fieldValue(form.querySelector('#p-headers'));
      if (headers) {
        body.headers = headers;
      }
      const result = topic
        ? await api('POST', '/api/topics/' + encodeURIComponent(topic) + '/messages', body)
        : {ok: false, status: 400, data: {errors: [{field: 'topic', message: 'is required'}]}};
      const out = document.getElementById('publish-result');
      if (result.ok) {
        out.textContent = 'Published to ' + result.data.topic + ', partition ' + result.data.partition
          + ', offset ' + result.data.offset + '.';
      } else {
        out.textContent = '';
        showErrors(form, result);
      }
    });
  }

  initLogin();
  initLogout();
  initEntityForm();
  initImport();
  initPublish();
})();
