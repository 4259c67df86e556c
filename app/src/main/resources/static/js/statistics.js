// The dashboard's charts (Apache ECharts) from the JSON the page carries, and the sorting of its tables.
(function () {
    // Sorting a table by a column: click its heading; numbers by value, names by code; a second click reverses.
    document.querySelectorAll('table.jz-sortable').forEach(table => {
        table.querySelectorAll('th[data-sort]').forEach((heading, index) => {
            heading.addEventListener('click', () => {
                const descending = heading.getAttribute('aria-sort') !== 'descending';
                table.querySelectorAll('th[data-sort]').forEach(other => other.removeAttribute('aria-sort'));
                heading.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
                const numeric = heading.dataset.sort === 'number';
                const key = row => {
                    const value = row.cells[index].dataset.value;
                    return numeric ? (value === undefined || value === '' ? -Infinity : Number(value)) : value;
                };
                const body = table.tBodies[0];
                Array.from(body.rows)
                    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1))
                    .forEach(row => body.appendChild(row));
            });
        });
    });

    const data = JSON.parse(document.getElementById('chart-data').textContent);
    const charts = [];
    const place = (id, option) => {
        const element = document.getElementById(id);
        if (!element || typeof echarts === 'undefined') {
            return null;
        }
        const chart = echarts.init(element);
        chart.setOption(option);
        charts.push(chart);
        return chart;
    };
    const percentAxis = {type: 'value', axisLabel: {formatter: '{value} %'}, splitLine: {show: false}};
    const grid = {left: 60, right: 60, bottom: 60, top: 40, containLabel: false};

    place('chart-trend', {
        tooltip: {trigger: 'axis'},
        legend: {data: [data.poorResidents, data.incidence]},
        grid: grid,
        xAxis: {type: 'category', data: data.years},
        yAxis: [{type: 'value'}, percentAxis],
        series: [
            {name: data.poorResidents, type: 'bar', data: data.trendPoor},
            {name: data.incidence, type: 'line', yAxisIndex: 1, data: data.trendIncidence}
        ]
    });

    place('chart-causes', {
        tooltip: {trigger: 'item'},
        series: [{name: data.households, type: 'pie', radius: ['35%', '65%'], data: data.causes,
            label: {formatter: '{b}\n{d} %'}}]
    });

    const children = place('chart-children', {
        tooltip: {trigger: 'axis'},
        legend: {data: [data.poorResidents, data.incidence]},
        grid: {left: 60, right: 60, bottom: 90, top: 40},
        dataZoom: data.children.length > 15 ? [{type: 'slider', bottom: 5}, {type: 'inside'}] : [],
        xAxis: {type: 'category', data: data.children, axisLabel: {rotate: 40, interval: 0}},
        yAxis: [{type: 'value'}, percentAxis],
        series: [
            {name: data.poorResidents, type: 'bar', data: data.childPoor},
            {name: data.incidence, type: 'line', yAxisIndex: 1, data: data.childIncidence}
        ]
    });
    if (children) {
        // A click on a child's bar drills down to it, as its name in the table does.
        children.on('click', params => {
            const url = new URL(window.location.href);
            url.searchParams.set('area', data.childCodes[params.dataIndex]);
            url.searchParams.set('year', data.year);
            window.location.href = url.toString();
        });
    }
    window.addEventListener('resize', () => charts.forEach(chart => chart.resize()));

})();
