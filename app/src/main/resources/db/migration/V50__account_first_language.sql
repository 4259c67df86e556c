-- The first administrator is made before anyone signs in, so its language is not known yet: the browser that
-- first signs in as it chooses (issue 13). Every other user's language is chosen by whoever creates the user.
alter table app_user add column language_chosen boolean not null default true;
