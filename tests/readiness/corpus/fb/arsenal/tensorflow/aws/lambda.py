from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import datetime
import os.path
import random
import re
import tarfile

try:
    import unzip_requirements
    open('/tmp/sls-py-req/google/__init__.py', 'a').close()  # fixing `import google.protobuf`
except ImportError:
    pass

