-- Rural poverty lines in yuan of per capita net income per year, at current prices.
-- A row without province is the national line; a provincial row overrides it for that province and year.
create table poverty_line (
    id            bigserial primary key,
    province_code varchar(2) collate "C" references area (code) check (province_code ~ '^[0-9]{2}$'),
    year          smallint      not null check (year between 1978 and 2100),
    amount        numeric(10, 2) not null check (amount > 0),
    note          text,
    created_at    timestamptz   not null default now()
);
create unique index poverty_line_once on poverty_line (coalesce(province_code, ''), year);

insert into poverty_line (year, amount, note) values
    (2010, 2300, '2,300 yuan at 2010 constant prices'),
    (2011, 2536, '2,300 yuan at 2010 constant prices'),
    (2012, 2625, '2,300 yuan at 2010 constant prices'),
    (2013, 2736, '2,300 yuan at 2010 constant prices'),
    (2014, 2800, '2,300 yuan at 2010 constant prices'),
    (2015, 2855, '2,300 yuan at 2010 constant prices'),
    (2016, 2952, '2,300 yuan at 2010 constant prices');
