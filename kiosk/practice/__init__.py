"""Practice mode ("Try it"): the visitor tries each step on the phone picture. Qt-free.

- ``hits``: where a tap counts as on the target (generous: at least the 12 mm minimum).
- ``ladder``: what a miss brings (a hint, then the target pulses, then it is shown and the
  practice moves on); never a score.
- ``keyboard``: the practice keyboard drawn like a phone's (letters, ⇧, ?123, ⌫).
- ``password``: the password rules, and which one is still missing.
- ``run``: one practice of a tutorial, step by step, with the counts for the statistics.

Nothing typed is stored or recorded: only how many tries, misses and hints a step took.
"""
