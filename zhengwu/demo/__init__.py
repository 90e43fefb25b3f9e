"""The Hunan demo: `loaddemo` plays every app's demo through its real actions (the one module that
imports them all, above every app), and the helpers the apps' demos share: invented people (people.py) and the
staff who draft and approve (staff.py)."""
