<?php echo "Hello from a hardened container\n";
