"""TODO"""

def read(*a, **k):
    raise NotImplementedError
