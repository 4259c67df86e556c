// What the pages do in the browser, kept out of the markup so that the Content-Security-Policy can allow only
// scripts served by Jingzhun itself (no inline handlers). Elements ask for a behaviour with a data attribute.
(function () {
    'use strict';
    // <select data-submit-on-change>: choosing a value submits its form.
    document.addEventListener('change', function (event) {
        var target = event.target;
        if (target instanceof Element && target.matches('[data-submit-on-change]') && target.form) {
            target.form.submit();
        }
    });
    // <button data-confirm="question">: an irreversible step asks first; with data-confirm-when="selector", only
    // while the form holds a match (e.g. the decision "reject" chosen). Without scripts the step is made at once.
    document.addEventListener('submit', function (event) {
        var button = event.submitter;
        if (!(button instanceof Element) || !button.dataset.confirm) {
            return;
        }
        var when = button.dataset.confirmWhen;
        if (when && !event.target.querySelector(when)) {
            return;
        }
        if (!window.confirm(button.dataset.confirm)) {
            event.preventDefault();
        }
    });
    document.addEventListener('click', function (event) {
        if (!(event.target instanceof Element)) {
            return;
        }
        // <button data-print>: prints the page.
        if (event.target.closest('[data-print]')) {
            window.print();
        }
        // <input type="checkbox" data-check-all="ids">: checks or clears every checkbox named "ids".
        var all = event.target.closest('[data-check-all]');
        if (all) {
            document.querySelectorAll('input[type="checkbox"][name="' + CSS.escape(all.dataset.checkAll) + '"]')
                .forEach(function (box) { box.checked = all.checked; });
        }
    });
})();

// <input data-area-picker> (or data-area-picker="multiple" for a list of codes): typing a name, or the first digits
// of a code, offers the matching areas with their full paths; choosing one puts its code in the field (in place of
// the word being typed, for a list). Codes can still be typed. The words shown come from data attributes in the
// page's language: data-area-picker-empty (nothing found).
(function () {
    'use strict';
    var DELAY_MILLIS = 250;
    var LIMIT = 12;
    var counter = 0;

    function token(input) {
        if (input.dataset.areaPicker !== 'multiple') {
            return {start: 0, text: input.value.trim()};
        }
        var before = input.value.slice(0, input.selectionStart === null ? input.value.length : input.selectionStart);
        var start = Math.max(before.lastIndexOf(','), before.lastIndexOf(' '), before.lastIndexOf('，'),
            before.lastIndexOf(';'), before.lastIndexOf('；')) + 1;
        return {start: start, text: before.slice(start).trim()};
    }

    function searchable(text) {
        return /^\d{2,12}$/.test(text) || (!/^\d/.test(text) && text.length >= 1 && /[^\x00-\x7f]|[A-Za-z]{2,}/.test(text));
    }

    function setUp(input) {
        var listId = 'area-picker-' + (++counter);
        var list = document.createElement('ul');
        list.id = listId;
        list.className = 'jz-area-picker list-group shadow-sm';
        list.setAttribute('role', 'listbox');
        list.hidden = true;
        input.insertAdjacentElement('afterend', list);
        input.parentElement.classList.add('position-relative');
        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-controls', listId);
        input.setAttribute('aria-expanded', 'false');
        input.setAttribute('autocomplete', 'off');
        var timer = null;
        var asked = 0;
        var active = -1;

        function close() {
            // Answers still on their way are for a list nobody wants any more.
            clearTimeout(timer);
            asked++;
            list.hidden = true;
            list.replaceChildren();
            active = -1;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
        }

        function mark(index) {
            var options = list.querySelectorAll('[role="option"]');
            options.forEach(function (option, i) {
                option.classList.toggle('active', i === index);
                option.setAttribute('aria-selected', i === index ? 'true' : 'false');
            });
            active = index;
            if (options[index]) {
                input.setAttribute('aria-activedescendant', options[index].id);
                options[index].scrollIntoView({block: 'nearest'});
            }
        }

        function choose(option) {
            var code = option.dataset.code;
            if (input.dataset.areaPicker === 'multiple') {
                var at = token(input);
                var rest = input.value.slice(input.selectionStart === null ? input.value.length : input.selectionStart);
                var head = input.value.slice(0, at.start);
                input.value = head + (head && !/[\s,，]$/.test(head) ? ' ' : '') + code + (rest.trim() ? rest : ' ');
            } else {
                input.value = code;
            }
            var path = input.parentElement.querySelector('[data-area-picker-path]');
            if (path) {
                path.textContent = option.dataset.path;
            }
            close();
            input.dispatchEvent(new Event('change', {bubbles: true}));
            input.focus();
        }

        function show(areas, query) {
            list.replaceChildren();
            if (areas.length === 0) {
                var none = document.createElement('li');
                none.className = 'list-group-item small text-secondary';
                none.textContent = input.dataset.areaPickerEmpty || '—';
                list.appendChild(none);
            }
            areas.forEach(function (area, i) {
                var names = area.path.map(function (a) { return a.name; }).concat([area.name]);
                var option = document.createElement('li');
                option.id = listId + '-' + i;
                option.className = 'list-group-item list-group-item-action small';
                option.setAttribute('role', 'option');
                option.dataset.code = area.code;
                option.dataset.path = names.join(' / ');
                var name = document.createElement('strong');
                name.textContent = area.name;
                var code = document.createElement('code');
                code.className = 'ms-2';
                code.textContent = area.code;
                var path = document.createElement('div');
                path.className = 'text-secondary';
                path.textContent = names.slice(0, -1).join(' / ');
                option.append(name, code, path);
                list.appendChild(option);
            });
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
            active = -1;
            list.dataset.query = query;
        }

        input.addEventListener('input', function () {
            clearTimeout(timer);
            var query = token(input).text;
            if (!searchable(query)) {
                close();
                return;
            }
            timer = setTimeout(function () {
                var mine = ++asked;
                fetch((input.dataset.areaPickerUrl || '/api/v1/areas/search') + '?limit=' + LIMIT + '&q=' + encodeURIComponent(query),
                    {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
                    .then(function (response) { return response.ok ? response.json() : []; })
                    .then(function (areas) {
                        if (mine === asked && token(input).text === query) {
                            show(areas, query);
                        }
                    })
                    .catch(close);
            }, DELAY_MILLIS);
        });
        input.addEventListener('keydown', function (event) {
            var options = list.querySelectorAll('[role="option"]');
            if (list.hidden) {
                return;
            }
            if (event.key === 'Escape') {
                close();
            } else if (options.length === 0) {
                return;
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                var next = active + (event.key === 'ArrowDown' ? 1 : -1);
                mark((next + options.length) % options.length);
            } else if (event.key === 'Enter' && active >= 0) {
                event.preventDefault();
                choose(options[active]);
            }
        });
        list.addEventListener('mousedown', function (event) {
            // Chosen before the field loses its focus, which would close the list first.
            var option = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
            if (option) {
                event.preventDefault();
                choose(option);
            }
        });
        input.addEventListener('blur', function () {
            setTimeout(close, 150);
        });
    }

    function setUpAll(root) {
        root.querySelectorAll('input[data-area-picker]:not([role="combobox"])').forEach(setUp);
    }

    document.addEventListener('DOMContentLoaded', function () { setUpAll(document); });
    // Parts of pages that htmx brings in get their pickers too.
    document.addEventListener('htmx:load', function (event) { setUpAll(event.target); });
})();

// The household form's member rows. <button data-add-member="table-id" data-max-rows="n">: adds an empty row like the
// last one (a new member's), numbered after the others, while fewer than n rows are shown. <button data-member-leaves>
// in a member's row: shows that row's fields asking how and when the member left, and marks the row.
(function () {
    'use strict';
    function renumber(row, index) {
        row.querySelectorAll('[name], [id], [for]').forEach(function (element) {
            ['name', 'id', 'for'].forEach(function (attribute) {
                var value = element.getAttribute(attribute);
                if (value) {
                    element.setAttribute(attribute, value.replace(/^members\[\d+]/, 'members[' + index + ']')
                        .replace(/^members\d+\./, 'members' + index + '.'));
                }
            });
        });
    }

    function emptied(row) {
        row.querySelectorAll('input').forEach(function (input) { input.value = ''; });
        row.querySelectorAll('select').forEach(function (select) { select.selectedIndex = 0; });
        row.querySelectorAll('.is-invalid').forEach(function (field) { field.classList.remove('is-invalid'); });
        row.querySelectorAll('.invalid-feedback').forEach(function (feedback) { feedback.textContent = ''; });
        row.classList.remove('table-warning');
        return row;
    }

    document.addEventListener('click', function (event) {
        if (!(event.target instanceof Element)) {
            return;
        }
        var add = event.target.closest('[data-add-member]');
        if (add) {
            var body = document.querySelector('#' + CSS.escape(add.dataset.addMember) + ' tbody');
            var max = parseInt(add.dataset.maxRows, 10);
            if (!body || !body.lastElementChild || body.rows.length >= max) {
                return;
            }
            var row = emptied(body.lastElementChild.cloneNode(true));
            renumber(row, body.rows.length);
            body.appendChild(row);
            add.disabled = body.rows.length >= max;
            var first = row.querySelector('input:not([type="hidden"])');
            if (first) {
                first.focus();
            }
        }
        var leaves = event.target.closest('[data-member-leaves]');
        if (leaves) {
            var member = leaves.closest('tr');
            member.classList.add('table-warning');
            member.querySelectorAll('[data-leave-fields]').forEach(function (fields) { fields.hidden = false; });
            leaves.hidden = true;
            var reason = member.querySelector('select[name$=".movement"]');
            if (reason) {
                reason.focus();
            }
        }
    });
})();
