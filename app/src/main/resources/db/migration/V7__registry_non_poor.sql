-- Rural households on record that are not identified as poor: the village's figures (rural households and
-- residents, incomes) and later applications come from them. They may apply (become candidates), and a
-- candidate who is not identified goes back to being non-poor.
alter table household drop constraint household_status_check;
alter table household add constraint household_status_check
    check (status in ('NON_POOR', 'CANDIDATE', 'REGISTERED', 'EXITED', 'CANCELLED', 'RETURNED'));
