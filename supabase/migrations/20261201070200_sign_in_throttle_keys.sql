-- Sign-in throttling that holds under parallel attempts:
--   * counters are kept per key (an account from new devices, an account from one
--     known device, a client address), not per email address only;
--   * an attempt is counted BEFORE its password is checked, in one statement that
--     refuses while the key must wait, so 100 parallel guesses run only the free few;
--   * counters idle for a day are deleted (old_failed_at index), so nobody is kept out
--     by an attempt long past.

alter table private.sign_in_attempts rename column email to throttle_key;
alter table private.sign_in_attempts rename constraint sign_in_attempts_pkey to sign_in_attempts_throttle_key_pkey;
comment on table private.sign_in_attempts is 'Sign-in attempts counted per throttle key (account, known device, client address); cleared on success, forgotten after a day.';
create index sign_in_attempts_last_failed_at_idx on private.sign_in_attempts (last_failed_at);
