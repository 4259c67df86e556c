package org.jingzhun.job.internal;

import java.time.Clock;
import java.time.Duration;

import org.jingzhun.inbox.TaskKind;
import org.jingzhun.platform.Caller;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The caller's jobs that stopped in the last days, for the inbox: their results are waiting to be read. */
@Component
class FinishedJobs implements TaskKind {

    /** How long a finished job stays in the inbox. */
    static final Duration SHOWN = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Clock clock;

    FinishedJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public long count(Caller caller, int limit) {
        return jdbc.sql("select count(*) from (select 1 from job where owner_id = :owner and state in ('DONE', 'FAILED',"
                        + " 'INTERRUPTED') and finished_at >= :since limit :limit) capped")
                .param("owner", caller.userId()).param("since", java.time.OffsetDateTime.now(clock).minus(SHOWN))
                .param("limit", limit).query(Long.class).single();
    }

    @Override
    public MessageSourceResolvable label() {
        return new DefaultMessageSourceResolvable(new String[] {"inbox.jobs"}, new Object[] {SHOWN.toDays()});
    }

    @Override
    public String link(Caller caller) {
        return "/jobs";
    }
}
