"""Password hashing: Argon2id with the parameters OWASP recommends for a web login.

Django's defaults (100 MiB, 8 lanes) cost about 0.4 s of CPU and 100 MiB of memory per login on
a small server, so a burst of logins could exhaust it. 19 MiB, 2 passes and 1 lane keep Argon2id's
resistance to GPU cracking at a fraction of the cost; hashes made with other parameters still
verify and are rehashed at the next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2PasswordHasher


class Argon2PasswordHasher(DjangoArgon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
