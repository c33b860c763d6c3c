# Fixture for docklint's project view: a worker with nothing to do.
print("working")
