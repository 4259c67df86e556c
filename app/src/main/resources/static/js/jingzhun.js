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
