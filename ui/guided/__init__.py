"""Volunteer-guided sessions: the volunteer's setup page, the bar that steers the session, the outcomes page.

A volunteer (after the volunteers' PIN) chooses the tutorials, the visitor's language and
comfort, and optionally a coarse anonymous profile (``GuidedSetup``); steers the session from
a small bar under the visitor's screens (``VolunteerBar``); and at the end ticks what the
visitor achieved on their own phone (``OutcomesPage``). The volunteer's pages look like the
organiser's, whatever text size and contrast the visitor has.
"""
