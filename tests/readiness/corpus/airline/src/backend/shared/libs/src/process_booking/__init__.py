from .middleware import process_booking_handler
from .models import ProcessBookingState, ProcessBookingModel
