// Fixture for docklint's project view: a one-off task.
console.log("migrated");
