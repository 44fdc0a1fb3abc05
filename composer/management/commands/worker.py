"""`manage.py worker`: django_tasks_db's `db_worker` that survives a busy or unreachable database,
takes dead jobs for dead within their lease, and runs the clean-up every PRUNE_INTERVAL_SECONDS."""

import contextlib
import logging
import os
import random
import time

from django.conf import settings
from django.core.management.base import CommandError
from django.db import DatabaseError, close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from composer import jobs

logger = logging.getLogger("django_tasks_db")

# After a database error the worker waits 1, 2, 4 … at most 30 s before it tries again.
FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0


class Worker(db_worker.Worker):
    def __init__(self, *, prune_interval, **kwargs):
        super().__init__(**kwargs)
        self.prune_interval = prune_interval
        self.recover_interval = max(1.0, settings.JOB_LEASE_SECONDS / 4)
        self.next_prune = self.next_recover = time.monotonic()

    def run(self):
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        pause = FIRST_PAUSE
        while self.running:
            try:
                retrieved, task_result = self.run_next()
                self.housekeeping()
            except DatabaseError as error:
                # A locked SQLite file, a PostgreSQL restart: wait and go on rather than exit.
                logger.warning("Database error (%s): trying again in %.0f s", error, pause)
                self.reset_connections()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
                continue
            pause = FIRST_PAUSE
            if self.batch and retrieved and task_result is None:
                logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info(
                    "Run maximum tasks (%d) on worker=%s - exiting gracefully.", self._run_tasks, self.worker_id
                )
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def run_next(self):
        """Claim the next ready task and run it: (whether the queue was read, the task result or None)."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        if task_result is not None:
            self.run_task(task_result)
        close_old_connections()
        return True, task_result

    def housekeeping(self):
        """Between tasks: take dead jobs for dead every quarter lease, and clean up every prune interval."""
        now = time.monotonic()
        if now < self.next_recover and now < self.next_prune:
            return
        self.running_task = True  # a stop signal waits for this to finish
        try:
            if now >= self.next_prune:
                self.next_prune = now + self.prune_interval
                self.next_recover = now + self.recover_interval
                jobs.prune()
            elif now >= self.next_recover:
                self.next_recover = now + self.recover_interval
                jobs.recover_dead()
        except DatabaseError:
            raise
        except Exception:
            logger.exception("The clean-up failed; the worker goes on")
        finally:
            self.running_task = False

    @staticmethod
    def reset_connections():
        for connection in connections.all():
            with contextlib.suppress(Exception):
                connection.close()


class Command(db_worker.Command):
    help = (
        "Run the background task worker: it survives database errors, retries or fails jobs whose "
        "worker died, and runs the clean-up (`manage.py prune`) every PRUNE_INTERVAL_SECONDS."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--prune-interval",
            type=float,
            default=settings.PRUNE_INTERVAL_SECONDS,
            help="Seconds between two clean-ups (default: PRUNE_INTERVAL_SECONDS, %(default)s)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, batch, prune_interval, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            prune_interval=prune_interval,
            **{name: options[name] for name in ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")},
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
